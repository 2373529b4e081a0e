package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.io.Hashes;
import dev.probe.testing.Chromium;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe neuron} end to end on the embedded MiniLM (the first 40 EWT sample sentences), and its bad inputs. */
class NeuronCommandTest {
    private static final List<String> SECTIONS = List.of("Summary", "Top-activating contexts", "Activation by class",
            "Signed top words", "Heat-map");

    @TempDir
    static Path tmp;

    private static Path store;
    private static Path out;
    private static CliRun run;

    @BeforeAll
    static void extractAndRun() throws IOException {
        store = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 40);
        out = tmp.resolve("neurons");
        run = CliRun.run("neuron", "-q", store.toString(), "--neuron", "6:17,0:3", "--label", "xpos", "--out",
                out.toString());
    }

    @Test
    void writesAPagePerNeuronAndNeuronsJson() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("neuron 6:17").contains("neuron 0:3").contains("label\txpos");
        assertThat(out.resolve("neuron-6-17.html")).isNotEmptyFile();
        assertThat(out.resolve("neuron-0-3.html")).isNotEmptyFile();
        JsonNode r = new ObjectMapper().readTree(out.resolve("neurons.json").toFile());
        assertThat(r.path("format_version").asInt()).isEqualTo(1);
        assertThat(r.path("tool").path("name").asText()).isEqualTo("probe");
        assertThat(r.path("store").path("manifest_sha256").asText())
                .isEqualTo(Hashes.sha256(store.resolve("manifest.json")));
        assertThat(r.path("label_column").asText()).isEqualTo("xpos");
        JsonNode p = r.path("profiles").get(0);
        assertThat(p.path("neuron").asText()).isEqualTo("6:17");
        assertThat(p.path("column").asInt()).isEqualTo(6 * 384 + 17);
        long words = r.path("store").path("rows").asLong();
        assertThat(p.path("stats").path("words").asLong()).isEqualTo(words).isPositive();
        assertThat(p.path("top").size()).isEqualTo(10);
        assertThat(p.path("bottom").size()).isEqualTo(10);
        assertThat(p.path("top").get(0).path("activation").asDouble())
                .isEqualTo(p.path("stats").path("max").asDouble());
        assertThat(p.path("bottom").get(0).path("activation").asDouble())
                .isEqualTo(p.path("stats").path("min").asDouble());
        long histogramWords = 0;
        for (JsonNode c : p.path("histogram").path("classes")) {
            for (JsonNode n : c.path("counts")) {
                histogramWords += n.asLong();
            }
        }
        assertThat(histogramWords).isEqualTo(words);
        assertThat(p.path("histogram").path("classes").size()).isBetween(2, 9);
        assertThat(Files.readString(out.resolve("neurons.json"))).doesNotContain("NaN");

        CliRun json = CliRun.run("neuron", "-q", store.toString(), "--neuron", "6:17", "--label", "xpos", "--top",
                "3", "--min-count", "2", "--out", tmp.resolve("json").toString(), "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertThat(summary.path("neurons").get(0).path("neuron").asText()).isEqualTo("6:17");
        assertThat(summary.path("neurons").get(0).path("max").asDouble())
                .isEqualTo(p.path("stats").path("max").asDouble());
        JsonNode written = new ObjectMapper().readTree(tmp.resolve("json").resolve("neurons.json").toFile());
        assertThat(written.path("profiles").get(0).path("top").size()).isEqualTo(3);
        assertThat(written.path("options").path("min_count").asInt()).isEqualTo(2);
    }

    @Test
    void replacingTheFolderNeedsForce() {
        Path again = tmp.resolve("again");
        String[] args = {"neuron", "-q", store.toString(), "--neuron", "1:1", "--out", again.toString()};
        assertThat(CliRun.run(args).exitCode()).isZero();
        CliRun refused = CliRun.run(args);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).hasSize(1);
        CliRun forced = CliRun.run("neuron", "-q", store.toString(), "--neuron", "1:2", "--out", again.toString(),
                "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(again.resolve("neuron-1-2.html")).exists();
        assertThat(again.resolve("neuron-1-1.html")).doesNotExist();
    }

    @Test
    void aNeuronOutsideTheStoreOrNotLayerColonUnitIsOneClearLine() {
        Path bad = tmp.resolve("bad");
        CliRun layer = CliRun.run("neuron", "-q", store.toString(), "--neuron", "99:0", "--out", bad.toString());
        assertThat(layer.exitCode()).isEqualTo(2);
        assertThat(layer.errLines()).hasSize(1);
        assertThat(layer.err()).contains("--neuron").contains("layer 99 is not in the store");
        assertThat(bad).doesNotExist();

        CliRun unit = CliRun.run("neuron", "-q", store.toString(), "--neuron", "1:384", "--out", bad.toString());
        assertThat(unit.exitCode()).isEqualTo(2);
        assertThat(unit.errLines()).hasSize(1);
        assertThat(unit.err()).contains("--neuron").contains("unit 384 is out of range");

        CliRun x = CliRun.run("neuron", "-q", store.toString(), "--neuron", "x", "--out", bad.toString());
        assertThat(x.exitCode()).isEqualTo(2);
        assertThat(x.errLines()).hasSize(1);
        assertThat(x.err()).contains("--neuron").contains("expected LAYER:UNIT").contains("\"x\"");
        assertThat(bad).doesNotExist();

        CliRun label = CliRun.run("neuron", "-q", store.toString(), "--neuron", "1:1", "--label", "nope", "--out",
                bad.toString());
        assertThat(label.exitCode()).isEqualTo(2);
        assertThat(label.errLines()).hasSize(1);
        assertThat(label.err()).contains("manifest.json");
        assertThat(bad).doesNotExist();
    }

    @Test
    void chromiumRendersEverySectionOfThePage(@TempDir Path scratch) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Chromium.assumeAvailable();
        Path html = out.resolve("neuron-6-17.html");
        BufferedImage image = Chromium.screenshot(html, Chromium.buildDir().resolve("neuron-screenshot.png"), 1200,
                4800, scratch);
        assertThat(Chromium.colours(image)).as("distinct colours in the screenshot").isGreaterThan(20);
        assertThat(Chromium.nonBlankBands(image, 100)).as("bands of 100 px with content").isGreaterThan(35);
        String dom = Chromium.dom(html, scratch);
        for (String section : SECTIONS) {
            assertThat(dom).contains(">" + section + "</h2>");
        }
        assertThat(dom).contains("<nav class=\"toc\">").contains("<mark>").contains("<svg")
                .contains("<span class=\"w\" style=\"background:");
    }
}
