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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe census} end to end on the embedded MiniLM (the first 40 EWT sample sentences), and its bad inputs. */
class CensusCommandTest {
    @TempDir
    static Path tmp;

    private static Path store;
    private static Path out;
    private static CliRun run;

    @BeforeAll
    static void extractAndCensus() throws IOException {
        store = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 40);
        out = tmp.resolve("census");
        run = CliRun.run("census", "-q", store.toString(), "--out", out.toString());
    }

    @Test
    void writesTheCensusOfEveryNeuronWithPerLayerCountsThatAddUp() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("token_detectors\t").contains("positional\t").contains("report\t");
        for (String f : new String[] {"census.json", "census.md", "census.html", "census.svg", "census.png"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        String text = Files.readString(out.resolve("census.json"), StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("NaN").doesNotContain("Infinity");
        JsonNode c = new ObjectMapper().readTree(text);
        assertThat(c.path("format_version").asInt()).isEqualTo(1);
        assertThat(c.path("tool").path("name").asText()).isEqualTo("probe");
        assertThat(c.path("store").path("manifest_sha256").asText())
                .isEqualTo(Hashes.sha256(store.resolve("manifest.json")));
        assertThat(c.path("point").asText()).isEqualTo("hidden");
        JsonNode neurons = c.path("neurons");
        assertThat(neurons.size()).isEqualTo(2688);
        assertThat(c.path("layers").size()).isEqualTo(7);
        int[] counted = new int[4];
        for (JsonNode n : neurons) {
            counted[0] += n.path("dead").asBoolean() ? 1 : 0;
            counted[1] += n.path("token_detector").asBoolean() ? 1 : 0;
            counted[2] += n.path("ngram_detector").asBoolean() ? 1 : 0;
            counted[3] += n.path("positional").asBoolean() ? 1 : 0;
            if (!n.path("eta2").isNull()) {
                double eta = n.path("eta2").asDouble();
                assertThat(eta).isBetween(0.0, 1.0);
                assertThat(n.path("bigram_eta2").asDouble()).isGreaterThanOrEqualTo(eta - 1e-12);
                assertThat(n.path("position_r").asDouble()).isBetween(-1.0, 1.0);
            } else {
                assertThat(n.path("undefined").asText()).matches("(constant|negligible):.*");
            }
        }
        int[] layered = new int[4];
        for (JsonNode l : c.path("layers")) {
            assertThat(l.path("neurons").asInt()).isEqualTo(384);
            layered[0] += l.path("dead").asInt();
            layered[1] += l.path("token_detectors").asInt();
            layered[2] += l.path("ngram_detectors").asInt();
            layered[3] += l.path("positional").asInt();
        }
        assertThat(layered).containsExactly(counted);
        assertThat(c.path("top").path("token").size()).isEqualTo(10);
        assertThat(c.path("groups").path("words").asLong()).isEqualTo(c.path("store").path("rows").asLong());

        Path other = tmp.resolve("census-min3");
        String[] args = {"census", "-q", store.toString(), "--out", other.toString(), "--json", "--min-count", "3",
            "--position-threshold", "0.3"};
        CliRun json = CliRun.run(args);
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(json.out());
        assertThat(summary.path("neurons").asInt()).isEqualTo(2688);
        assertThat(summary.path("positional").asInt()).isGreaterThanOrEqualTo(counted[3]); // a lower threshold
        CliRun exists = CliRun.run(args);
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("--force");
        CliRun forced = CliRun.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--force")).toArray(String[]::new));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        JsonNode again = new ObjectMapper().readTree(other.resolve("census.json").toFile());
        assertThat(again.path("settings").path("min_count").asInt()).isEqualTo(3);
    }

    @Test
    void htmlPageHasTheSectionsAndRendersInChromium() throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        Path html = out.resolve("census.html");
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("<nav class=\"toc\">");
        assertThat(page.substring(0, page.indexOf("<script>"))).doesNotContain("NaN");
        BufferedImage png = ImageIO.read(out.resolve("census.png").toFile());
        assertThat(Chromium.colours(png)).as("census.png colours").isGreaterThan(5);
        Chromium.assumeAvailable();
        Path scratch = Files.createDirectories(tmp.resolve("chromium"));
        BufferedImage shot = Chromium.screenshot(html, scratch.resolve("census-shot.png"), 1200, 1600, scratch);
        assertThat(Chromium.colours(shot)).as("screenshot colours").isGreaterThan(20);
        assertThat(Chromium.nonBlankBands(shot, 100)).isGreaterThan(8);
        String dom = Chromium.dom(html, scratch);
        assertThat(dom).contains("<h2 id=\"neuron-census\">Neuron census</h2>")
                .contains("<h2 id=\"definitions-and-thresholds\">")
                .contains("<h2 id=\"inputs-and-provenance\">")
                .contains("<h3>Token detectors").contains("<h3>Positional neurons").contains("<svg");
    }

    @Test
    void aMissingStoreAnExistingOutputAndABadThresholdAreUsageErrors() {
        Path bad = tmp.resolve("bad-out");
        CliRun missing = CliRun.run("census", "-q", tmp.resolve("nope").toString(), "--out", bad.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1);
        assertThat(missing.err()).contains("nope");
        assertThat(bad).doesNotExist();

        CliRun threshold = CliRun.run("census", "-q", store.toString(), "--out", bad.toString(),
                "--token-threshold", "1.5");
        assertThat(threshold.exitCode()).isEqualTo(2);
        assertThat(threshold.err()).contains("token-threshold");
        assertThat(bad).doesNotExist();

        CliRun over = CliRun.run("census", "-q", store.toString(), "--out", store.toString());
        assertThat(over.exitCode()).isEqualTo(2);
        assertThat(store.resolve("manifest.json")).exists();
    }
}
