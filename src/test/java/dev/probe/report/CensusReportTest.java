package dev.probe.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.atlas.Census;
import dev.probe.atlas.CensusComputation;
import dev.probe.atlas.CensusSettings;
import dev.probe.atlas.CensusTest;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

/** The census files and sections, on the hand-made store of {@link CensusTest} with hostile text in the names. */
class CensusReportTest {
    @TempDir
    static Path tmp;

    static Census census;

    @BeforeAll
    static void build() throws Exception {
        Path dir = CensusTest.write(tmp.resolve("tiny"));
        Census c;
        try (ActivationStore store = ActivationStore.open(dir)) {
            c = CensusComputation.compute(store, new CensusSettings(3, 0, 0.001, 0.01, 0.5, 0.1, 0.5, 7),
                    (done, total) -> { });
        }
        Census.TopNeuron t = c.top().token().get(0);
        Census.Top top = new Census.Top(c.top().dead(), List.of(new Census.TopNeuron(t.name(), t.id(), t.layer(),
                t.score(), t.detector(), "a|b<i>&\"", t.wordMean())), c.top().ngram(), c.top().positional());
        census = new Census(c.formatVersion(), c.tool(), c.store(), new Census.ModelRef("bert<&>\"base\"",
                "bert", "x", null), c.point(), c.settings(), c.groups(), c.layers(), top, c.histogram(), c.neurons(),
                c.seconds());
    }

    @Test
    void sectionsAreEmbeddableWithTheirHeadingAndEscapeEveryText() {
        String html = CensusReport.htmlSection(census);
        assertThat(html).startsWith("<section>\n<h2 id=\"neuron-census\">Neuron census</h2>\n").endsWith("</section>\n")
                .contains("<svg").contains("a|b&lt;i&gt;&amp;&quot;").doesNotContain("<i>")
                .contains("<td class=\"num\">6</td>"); // the layer's six neurons
        String md = CensusReport.markdownSection(census, "census.png");
        assertThat(md).startsWith("## Neuron census\n\n").contains("![census chart](census.png)")
                .contains("a\\|b\\<i\\>&\"")
                .contains("| 0 | 6 | 2 | 0 | 2 | 1 | 1 | 1 |")
                .contains("### Token detectors");
        assertThat(CensusReport.markdownSection(census, null)).doesNotContain("![");
    }

    @Test
    void writesTheFilesAndAPageThatParsesAsXml() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        List<Path> files = CensusReport.write(census, out);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("census.json", "census.svg", "census.png", "census.md", "census.html");
        files.forEach(f -> assertThat(f).isNotEmptyFile());
        String page = Files.readString(out.resolve("census.html"));
        assertThat(page).contains("<title>Neuron census: bert&lt;&amp;&gt;&quot;base&quot; · hidden</title>")
                .contains("<nav class=\"toc\">").contains("href=\"#definitions-and-thresholds\"");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        assertThat(f.newDocumentBuilder().parse(new InputSource(new StringReader(page))).getDocumentElement()
                .getTagName()).isEqualTo("html");
        assertThat(Files.readString(out.resolve("census.svg"))).contains("bert&lt;&amp;&gt;");
        assertThat(Files.readString(out.resolve("census.md"))).startsWith("# Neuron census: bert\\<&\\>\"base\"")
                .contains("## Definitions and thresholds").contains("## Inputs and provenance");
    }
}
