package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.rank.RankingResult;
import dev.probe.testing.Chromium;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class ReportWriterTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> CHROMIUM_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");
    /** A model name and labels that must be escaped in every format. */
    private static final String MODEL = "bert<&>\"base\"";
    private static final List<String> LABELS = List.of("<other>", "A&B", "x|y \"q\"");

    @TempDir
    static Path dir;

    @BeforeAll
    static void write() throws IOException {
        ReportWriter.write(sample(), dir);
    }

    /** 2 layers × 8 neurons, 3 classes; test accuracies NaN throughout; a λ grid. */
    static RankingResult sample() {
        return SampleRankings.of(MODEL, "pos", new int[] {3, 9, 12, 1}, LABELS,
                new int[][] {{3, 9, 12}, {1, 3}, {12, 15, 0}}, 0.9, Double.NaN, false, true);
    }

    @Test
    void writesEveryFile() {
        for (String name : List.of("accuracy.svg", "accuracy.png", "layers.svg", "layers.png", "report.md",
                "report.html")) {
            assertThat(dir.resolve(name)).isNotEmptyFile();
        }
    }

    @Test
    void svgsAreStandaloneXmlWithViewBoxAndEscapedText() throws Exception {
        for (String name : List.of("accuracy.svg", "layers.svg")) {
            String svg = Files.readString(dir.resolve(name));
            Document doc = parseXml(svg);
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(doc.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 800 480");
            assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.1");
            assertThat(svg).doesNotContain(",5\"").doesNotContain("NaN");
        }
        String accuracy = Files.readString(dir.resolve("accuracy.svg"));
        assertThat(accuracy).contains("bert&lt;&amp;&gt;&quot;base&quot;").contains("top (keep-only)")
                .contains("random (keep-only)").contains("bottom (keep-only)").contains("top, retrained (search)")
                .contains("oracle, dev 0.9000").contains("minimal set, 4 neurons").contains("stroke-dasharray");
        assertThat(parseXml(accuracy).getElementsByTagNameNS("*", "polyline").getLength()).isEqualTo(4);
        // the minimal set {3, 9, 12, 1} has 2 neurons in each layer: two bars, labelled 2
        Document layers = parseXml(Files.readString(dir.resolve("layers.svg")));
        assertThat(layers.getElementsByTagNameNS("*", "rect").getLength()).isEqualTo(1 + 2);
    }

    @Test
    void pngsDecodeAtChartSizeAndAreNotBlank() throws IOException {
        for (String name : List.of("accuracy.png", "layers.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            assertThat(image.getWidth()).isEqualTo(800);
            assertThat(image.getHeight()).isEqualTo(480);
            assertThat(Chromium.colours(image)).as(name + " colours").isGreaterThan(20);
        }
    }

    @Test
    void markdownHasTheTablesWithEscapedLabelsAndDashesForNaN() throws IOException {
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).startsWith("# Neuron ranking: bert\\<&\\>\"base\" · pos\n")
                .contains("## Oracle: the probe on all neurons", "## Minimal neuron set", "## Charts",
                        "## Top, random and bottom neurons", "## Layer distribution of the minimal set", "## λ grid",
                        "## Top neurons per class", "## Inputs and provenance")
                .contains("![accuracy chart](accuracy.png)", "![layers chart](layers.png)")
                .contains("| probe | neurons | dev accuracy | test accuracy | selectivity |\n"
                        + "| --- | ---: | ---: | ---: | ---: |\n| oracle probe | 16 | 0.9000 | – | – |\n"
                        + "| majority class (\\<other\\>) | 0 | 0.3500 | – |   |\n")
                .contains("| 4 | 25.0 % | 0.8950 | – | -0.0050 |")
                .contains("| set | neurons | retrained dev | retrained test | keep-only dev | keep-only test | "
                        + "removed dev | removed test |")
                .contains("| top 10 % | 2 | 0.8000 | – | 0.7500 | – | 0.7000 | – |")
                .contains("| random 15 % | 3 | 0.7200 | – |", "| bottom 20 % | 4 | 0.6400 | – |")
                .contains("| 0 | 2 | 50.0 % |", "| 1 | 2 | 50.0 % |")
                .contains("Entropy 1.000 bits of at most 1.000")
                .contains("| 1.0e-05 | 1.0e-04 | 0.9000 | 0.8500 | 0.5000 | ✓ |")
                .contains("| \\<other\\> | 3 | 0:3 | 0.4700 | the (−2.50, 40), \\<b\\> (+2.00, 7), a&b (+1.50, 5) | "
                        + "x\\|y (+1.20, 9), w3 (+1.00, 6) | the (−2.25, 80) |")
                .contains("## Oracle per class", "| \\<other\\> | 100 | 1.0000 | 1.0000 | 1.0000 |",
                        "| A&B | \\<other\\> | 9 | 10.0 % |", "## Neurons shared by classes",
                        "| 3 | 0:3 | 2 | \\<other\\>, A&B |",
                        "## Units recurring across layers", "| 1 | 0, 1 | 2 | \\<other\\>, A&B |")
                .contains("| x\\|y \"q\" | 12 | 1:4 |")
                .doesNotContain("NaN");
        // the sample's search point of 2 neurons stopped at the iteration limit: listed and marked wherever it shows
        assertThat(md).contains("## Probe convergence", "⚠ 1 of", "| search: 2 neurons | proximal-lbfgs | iteration limit"
                + " | 2000 |", "| 2 | 12.5 % | 0.7500 † |");
        // the three keep rows of each percent come top, random, bottom
        assertThat(md.indexOf("| top 10 %")).isLessThan(md.indexOf("| random 10 %"));
        assertThat(md.indexOf("| random 10 %")).isLessThan(md.indexOf("| bottom 10 %"));
        assertThat(md.indexOf("| bottom 10 %")).isLessThan(md.indexOf("| top 15 %"));
    }

    @Test
    void htmlIsSelfContainedWellFormedAndEscaped() throws Exception {
        String html = Files.readString(dir.resolve("report.html"));
        Document doc = parseXml(html); // written as well-formed XHTML-compatible HTML5
        assertThat(doc.getElementsByTagNameNS("*", "svg").getLength()).isEqualTo(2);
        assertThat(doc.getElementsByTagNameNS("*", "h1").item(0).getTextContent())
                .isEqualTo("Neuron ranking: " + MODEL + " · pos");
        assertThat(doc.getElementsByTagNameNS("*", "table").getLength()).as("oracle, convergence, minimal, keep, "
                + "search, layers, grid, scores, confusions, 3 classes, shared, units, inputs").isEqualTo(15);
        String content = html.replaceAll("(?s)<script>.*?</script>", "");
        assertThat(content).contains("<style>", "&lt;other&gt;", "A&amp;B", "x|y &quot;q&quot;",
                "<td class=\"num\">–</td>").doesNotContain("<other>", "src=", "href=\"http", "url(", "@import", "NaN");
        assertThat(html.split("<script", -1)).as("one inline script").hasSize(2);
    }

    @Test
    void numbersIgnoreTheDefaultLocale(@TempDir Path german) throws Exception {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            ReportWriter.write(sample(), german);
        } finally {
            Locale.setDefault(saved);
        }
        for (String name : List.of("report.md", "report.html", "accuracy.svg", "layers.svg")) {
            assertThat(Files.readString(german.resolve(name))).as(name).isEqualTo(Files.readString(dir.resolve(name)))
                    .doesNotContain("0,9000");
        }
    }

    @Test
    void chromiumRendersTheReport(@TempDir Path scratch) throws Exception {
        Chromium.assumeAvailable();
        Path reportDir = Chromium.buildDir().resolve("report-sample");
        ReportWriter.write(sample(), reportDir);
        Path html = reportDir.resolve("report.html");
        BufferedImage image = Chromium.screenshot(html, Chromium.buildDir().resolve("report-screenshot.png"), 1200,
                2000, scratch);
        assertThat(Chromium.colours(image)).as("distinct colours in the screenshot").isGreaterThan(20);

        String rendered = Chromium.dom(html, scratch);
        assertThat(rendered).contains("<h1>Neuron ranking: bert&lt;&amp;&gt;\"base\" · pos</h1>")
                .contains("<svg").contains("&lt;other&gt;").contains("<nav class=\"toc\">");
    }

    private static Document parseXml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
    }
}
