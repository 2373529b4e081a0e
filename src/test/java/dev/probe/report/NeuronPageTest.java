package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.atlas.NeuronId;
import dev.probe.atlas.NeuronProfile;
import dev.probe.atlas.NeuronStores;
import dev.probe.atlas.NeuronsReport;
import dev.probe.atlas.ProfileOptions;
import dev.probe.io.Json;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The neuron pages of the hand-made {@link NeuronStores} store: content, escaping, colours and the chart. */
class NeuronPageTest {
    @TempDir
    static Path tmp;

    private static Path pages;
    private static NeuronsReport report;

    @BeforeAll
    static void write() throws Exception {
        Path store = NeuronStores.write(tmp.resolve("store"));
        pages = tmp.resolve("pages");
        report = NeuronPages.writeInto(store, null, NeuronId.parseList("1:0,0:0"), ProfileOptions.defaults()
                .with(2, 2), pages);
    }

    @Test
    void writesOnePagePerNeuronAndNeuronsJson() throws Exception {
        assertThat(pages.resolve("neuron-1-0.html")).isNotEmptyFile();
        assertThat(pages.resolve("neuron-0-0.html")).isNotEmptyFile();
        NeuronsReport back = Json.reader(NeuronsReport.class).readValue(pages.resolve("neurons.json").toFile());
        assertThat(back.formatVersion()).isEqualTo(1);
        assertThat(back.tool().name()).isEqualTo("probe");
        assertThat(back.model()).isEqualTo("synthetic");
        assertThat(back.labelColumn()).isEqualTo("upos");
        assertThat(back.pages()).containsExactly("neuron-1-0.html", "neuron-0-0.html");
        assertThat(back.profiles()).extracting(NeuronProfile::neuron).containsExactly("1:0", "0:0");
        assertThat(back.profiles().get(0).top().get(0).word()).isEqualTo("dog");
        assertThat(Files.readString(pages.resolve("neurons.json"))).doesNotContain("NaN");
    }

    @Test
    void thePageHasEverySectionTheHighlightedWordsAndEscapedText() throws Exception {
        String html = Files.readString(pages.resolve("neuron-1-0.html"), StandardCharsets.UTF_8);
        Document doc = parseXml(html); // well-formed, as every page of HtmlPage
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent())
                .isEqualTo("Neuron 1:0 · synthetic · upos");
        for (String section : NeuronPage.SECTIONS) {
            assertThat(html).contains("<h2 id=\"" + HtmlPage.anchor(section) + "\">" + section + "</h2>");
        }
        assertThat(html).contains("<nav class=\"toc\">")
                .contains("the <mark>dog</mark> barks loudly .")
                .contains("the <mark>cat</mark> eats fish&amp;&lt;chips&gt; .")
                .doesNotContain("<chips>")
                .contains("<svg").contains("ADV (3)")
                .contains("<td>dog</td><td class=\"num\">2</td><td class=\"num\">+1.52</td>")
                .contains("<td>cat</td><td class=\"num\">2</td><td class=\"num\">-1.52</td>");
        // the heat-map: every word of the shown sentences coloured by a / 9.5
        assertThat(html).contains("<p class=\"ctx\" dir=\"auto\"><span class=\"w\" style=\"background:"
                + ColourScale.css(ColourScale.diverging(0.5 / 9.5)));
        int red = ColourScale.diverging(1);
        String dog = "<span class=\"w\" style=\"background:" + ColourScale.css(red) + ";color:"
                + ColourScale.css(ColourScale.text(red)) + "\" title=\"9.5\">dog</span>";
        assertThat(html).contains(dog);
        Matcher spans = Pattern.compile("<p class=\"ctx\" dir=\"auto\">(.*?)</p>").matcher(html);
        int sentences = 0;
        while (spans.find()) {
            assertThat(spans.group(1).split("<span class=\"w\"", -1)).as("five words").hasSize(6);
            sentences++;
        }
        assertThat(sentences).isEqualTo(4);
    }

    @Test
    void aConstantNeuronsPageSaysSoAndShowsNoZ() throws Exception {
        String html = Files.readString(pages.resolve("neuron-0-0.html"), StandardCharsets.UTF_8);
        parseXml(html);
        String content = html.substring(0, html.indexOf("<script>")); // the sorting script calls isNaN
        assertThat(content).contains("This neuron is constant").contains("None: the neuron is constant")
                .doesNotContain("NaN").doesNotContain("Infinity");
    }

    @Test
    void theHistogramDrawsAsPngAndSvg() throws Exception {
        Path png = tmp.resolve("hist.png");
        NeuronPage.png(report, report.profiles().get(0), png);
        var image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(NeuronHistogramChart.WIDTH);
        Document svg = parseXml(NeuronPage.svg(report, report.profiles().get(0)));
        // 4 classes over 40 bins: one rect per non-empty (bin, class) plus background, frame and legend swatches
        assertThat(svg.getElementsByTagNameNS("*", "rect").getLength()).isGreaterThan(20);
        NeuronPage.png(report, report.profiles().get(1), tmp.resolve("constant.png"));
        assertThat(tmp.resolve("constant.png")).isNotEmptyFile();
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
