package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe layers} and {@code probe rank --per-layer} end to end on the embedded MiniLM (XPOS of the first EWT
 * sample sentences, layers 0 and 6), and their bad {@code --window} values.
 */
class LayersCommandTest {
    /** Rare labels folded, a loose threshold and δ = 100 (the first schedule point) keep this quick. */
    private static final String[] CHEAP = {"--min-count", "20", "--tolerance", "1e-2", "--delta", "100"};

    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;

    @BeforeAll
    static void extract() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 120, "--layers", "0,6");
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 40, "--layers", "0,6");
    }

    private static CliRun run(String command, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-q", "--train", train.toString(), "--dev",
                dev.toString(), "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    private static String[] cheap(String... more) {
        return Stream.concat(Stream.of(CHEAP), Stream.of(more)).toArray(String[]::new);
    }

    /** The rows without wall times (the only thing two runs of the same probes may differ in). */
    private static String withoutTimes(JsonNode rows) {
        return rows.toString().replaceAll("\"seconds\":[0-9.eE+-]+", "\"seconds\":_");
    }

    @Test
    void layersAndRankPerLayerReportTheSameProbes() throws Exception {
        Path out = tmp.resolve("layers");
        CliRun run = run("layers", out, cheap("--test", dev.toString(), "--window", "2", "--control", "--json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.path("label").asText()).isEqualTo("xpos");
        assertThat(summary.path("report").asText()).isEqualTo(out.resolve("layers.html").toString());

        JsonNode r = new ObjectMapper().readTree(out.resolve("layers.json").toFile());
        assertThat(r.path("format_version").asInt()).isEqualTo(1);
        assertThat(r.path("tool").path("version").isTextual()).isTrue();
        assertThat(r.path("inputs").path("store_manifests").path("train").asText()).hasSize(64);
        assertThat(r.path("settings").path("window").asInt()).isEqualTo(2);
        JsonNode rows = r.path("layers").path("rows");
        assertThat(rows.size()).isEqualTo(3);
        assertThat(summary.path("rows").size()).isEqualTo(3);
        double majority = r.path("layers").path("majority").path("dev").asDouble();
        assertThat(r.path("layers").path("majority").path("label").asText()).isNotBlank();
        assertThat(majority).isBetween(0.05, 0.5);
        int[] layers = {0, 6};
        for (int i = 0; i < 2; i++) {
            JsonNode row = rows.get(i);
            assertThat(row.path("kind").asText()).isEqualTo("layer");
            assertThat(row.path("layers").toString()).isEqualTo("[" + layers[i] + "]");
            assertThat(row.path("first_neuron").asInt()).isEqualTo(384 * i);
            assertThat(row.path("neurons").asInt()).isEqualTo(384);
            assertThat(row.path("dev").asDouble()).isBetween(majority, 1.0);
            assertThat(row.path("test").asDouble()).isEqualTo(row.path("dev").asDouble()); // test = dev store here
            assertThat(row.path("selectivity").isNumber()).isTrue();
            assertThat(row.path("minimal_set").path("size").asInt()).isPositive();
        }
        assertThat(rows.get(2).path("kind").asText()).isEqualTo("window");
        assertThat(rows.get(2).path("layers").toString()).isEqualTo("[0,6]");
        assertThat(rows.get(2).path("neurons").asInt()).isEqualTo(768);
        // the last layer of MiniLM knows part of speech far better than the majority class
        assertThat(rows.get(1).path("dev").asDouble()).isGreaterThan(majority + 0.3);
        for (String file : new String[] {"layers.html", "layers.svg", "layers.png"}) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        String html = Files.readString(out.resolve("layers.html"));
        assertThat(html).contains("Per-layer probes", "<svg", "majority class", "layers 0–6")
                .doesNotContain("src=\"http");

        // rank --per-layer: the same rows, in ranking.json and in a report section with the chart
        Path rank = tmp.resolve("rank");
        CliRun ranked = run("rank", rank, cheap("--test", dev.toString(), "--per-layer", "--window", "2",
                "--control"));
        assertThat(ranked.exitCode()).as(ranked.err()).isZero();
        JsonNode ranking = new ObjectMapper().readTree(rank.resolve("ranking.json").toFile());
        assertThat(withoutTimes(ranking.path("per_layer").path("rows"))).isEqualTo(withoutTimes(rows));
        assertThat(ranking.path("per_layer").path("majority")).isEqualTo(r.path("layers").path("majority"));
        assertThat(rank.resolve("per-layer.svg")).isNotEmptyFile();
        assertThat(Files.readString(rank.resolve("report.html")))
                .contains("<h2 id=\"per-layer-probes\">Per-layer probes</h2>", "layers 0–6");
        assertThat(Files.readString(rank.resolve("report.md"))).contains("## Per-layer probes", "per-layer.png");
    }

    @Test
    void aWindowBelowTwoIsAUsageError() {
        for (String window : new String[] {"1", "0", "-3"}) {
            Path out = tmp.resolve("bad-window" + window);
            CliRun run = run("layers", out, "--window", window);
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("probe: --window: must be at least 2");
            assertThat(out).doesNotExist();
        }
    }

    @Test
    void aWindowWiderThanTheStoresNamesTheManifest() {
        Path out = tmp.resolve("wide-window");
        CliRun run = run("layers", out, "--window", "3");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err().strip()).isEqualTo("probe: " + train.resolve("manifest.json")
                + ": --window 3 is wider than the 2 layers of the store [0, 6]");
        assertThat(out).doesNotExist();
        assertThat(tmp.resolve(".wide-window.tmp")).doesNotExist();
    }

    @Test
    void aWindowThatIsNotANumberIsAUsageError() {
        Path out = tmp.resolve("nan-window");
        CliRun run = run("layers", out, "--window", "two");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window");
        assertThat(out).doesNotExist();
    }

    @Test
    void rankRefusesABadWindowBeforeRanking() {
        Path out = tmp.resolve("rank-window");
        CliRun alone = run("rank", out, "--window", "2");
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err().strip()).isEqualTo("probe: --window needs --per-layer");
        CliRun narrow = run("rank", out, "--per-layer", "--window", "1");
        assertThat(narrow.exitCode()).isEqualTo(2);
        assertThat(narrow.errLines()).hasSize(1);
        assertThat(narrow.err()).startsWith("probe: --window: must be at least 2");
        CliRun wide = run("rank", out, "--per-layer", "--window", "5");
        assertThat(wide.exitCode()).isEqualTo(2);
        assertThat(wide.err()).contains("manifest.json: --window 5 is wider than the 2 layers");
        assertThat(out).doesNotExist();
    }
}
