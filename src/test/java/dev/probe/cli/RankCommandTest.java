package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.TokenRow;
import dev.probe.testing.CliRun;
import dev.probe.testing.SampleStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code probe rank} end to end on the embedded MiniLM (XPOS of the first EWT sample sentences), and its bad inputs. */
class RankCommandTest {
    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;

    @BeforeAll
    static void extract() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 250);
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 80);
    }

    @Test
    void ranksNeuronsAndWritesTheReport() throws Exception {
        Path out = tmp.resolve("rank");
        CliRun run = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--test",
                dev.toString(), "--control", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("minimal_set").contains("report");
        JsonNode r = new ObjectMapper().readTree(out.resolve("ranking.json").toFile());
        JsonNode ordering = r.path("ordering");
        assertThat(ordering.size()).isEqualTo(2688);
        Set<Integer> seen = new HashSet<>();
        ordering.forEach(n -> seen.add(n.asInt()));
        assertThat(seen).hasSize(2688); // a permutation
        int previous = 0;
        for (JsonNode c : r.path("cutoffs")) {
            assertThat(c.asInt()).isGreaterThanOrEqualTo(previous);
            previous = c.asInt();
        }
        double oracleDev = r.path("oracle").path("dev").asDouble();
        assertThat(oracleDev).isBetween(0.5, 1.0);
        assertThat(r.path("oracle").path("selectivity").asDouble()).isGreaterThan(0);
        JsonNode minimal = r.path("minimal_set");
        assertThat(minimal.path("size").asInt()).isBetween(1, 2688).isEqualTo(minimal.path("neurons").size());
        assertThat(minimal.path("fraction").asDouble()).isBetween(0.0, 1.0);
        assertThat(minimal.path("dev").asDouble()).isGreaterThanOrEqualTo(oracleDev - 0.01 - 1e-9);
        assertThat(r.path("keep").size()).isEqualTo(9);
        assertThat(r.path("layers").path("counts").size()).isEqualTo(7);
        assertThat(r.path("per_class").size()).isGreaterThan(10);
        fullStopWordsHaveTheSignOfTheData(r);
        JsonNode diagnostics = r.path("diagnostics");
        // the first 250 sample sentences hold 673 IN, 582 NN, 576 NNP (counted with awk from the CoNLL-U file)
        assertThat(diagnostics.path("majority").path("label").asText()).isEqualTo("IN");
        assertThat(diagnostics.path("majority").path("dev").asDouble()).isBetween(0.05, 0.3);
        assertThat(diagnostics.path("control_dev").asDouble()).isBetween(0.05, oracleDev);
        assertThat(diagnostics.path("classes").size()).isEqualTo(r.path("per_class").size());
        assertThat(diagnostics.path("confusions").size()).isBetween(1, 15);
        for (String file : new String[] {"report.md", "report.html", "accuracy.svg", "accuracy.png", "layers.svg",
                "layers.png", "probe/probe.json", "probe/weights.npy"}) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).doesNotContain("src=\"http").contains("<h2 id=\"neuron-census\">Neuron census</h2>",
                "<h2 id=\"oracle-per-class\">", "<details>", "majority class (IN)");
        // every class's top neuron has a page, linked from its class
        JsonNode pages = new ObjectMapper().readTree(out.resolve("neurons/neurons.json").toFile());
        assertThat(pages.path("profiles").size()).isBetween(5, r.path("per_class").size());
        JsonNode top = r.path("per_class").get(0).path("neurons").get(0);
        String page = "neurons/neuron-" + top.path("layer").asInt() + "-" + top.path("unit").asInt() + ".html";
        assertThat(out.resolve(page)).isNotEmptyFile();
        assertThat(html).contains("<a href=\"" + page + "\">");
        assertThat(out.resolve("census/census.json")).isNotEmptyFile();
        // the oracle probe it saved ranks to the same ordering when given back
        Path again = tmp.resolve("rank-again");
        CliRun rerun = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--probe",
                out.resolve("probe").toString(), "--out", again.toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        JsonNode r2 = new ObjectMapper().readTree(again.resolve("ranking.json").toFile());
        assertThat(r2.path("ordering")).isEqualTo(ordering);
    }

    /**
     * The "." class's top neuron lists "." among its class words, with the mean z-score of that neuron over the
     * training tokens "." labelled "." — recomputed here from the store — sign and value.
     */
    private static void fullStopWordsHaveTheSignOfTheData(JsonNode r) throws Exception {
        JsonNode fullStop = null;
        for (JsonNode c : r.path("per_class")) {
            if (c.path("label").asText().equals(".")) {
                fullStop = c.path("neurons").get(0);
            }
        }
        assertThat(fullStop).as("a class \".\" with neurons").isNotNull();
        JsonNode word = null;
        for (JsonNode w : fullStop.path("in_class")) {
            if (w.path("word").asText().equals(".")) {
                word = w;
            }
        }
        assertThat(word).as("\".\" among the class words of neuron " + fullStop.path("neuron")).isNotNull();
        int neuron = fullStop.path("neuron").asInt();
        try (ActivationStore store = ActivationStore.open(train)) {
            List<TokenRow> tokens = store.tokens();
            double[] x = new double[tokens.size()];
            float[] one = new float[1];
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                store.matrix().readRow(i, new int[] {neuron}, one, 0);
                x[i] = one[0];
                sum += x[i];
            }
            double mean = sum / x.length;
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / (x.length - 1));
            double zSum = 0;
            int count = 0;
            List<String> labels = store.labels(null);
            for (int i = 0; i < x.length; i++) {
                if (tokens.get(i).token().equals(".") && labels.get(i).equals(".")) {
                    zSum += (x[i] - mean) / sd;
                    count++;
                }
            }
            assertThat(word.path("count").asInt()).isEqualTo(count).isGreaterThan(50);
            assertThat(Math.signum(word.path("z").asDouble())).isEqualTo(Math.signum(zSum / count));
            assertThat(word.path("z").asDouble()).isCloseTo(zSum / count, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Math.abs(zSum / count)).as("a top neuron of \".\" moves on \".\"").isGreaterThan(1);
        }
    }

    @Test
    void deltaOutsideZeroToHundredIsAUsageError() {
        CliRun run = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--delta", "150",
                "--out", tmp.resolve("bad-delta").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("--delta");
        assertThat(tmp.resolve("bad-delta")).doesNotExist();
    }

    @Test
    void anEmptyGridIsAUsageError() {
        CliRun run = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--grid-values",
                " , ", "--out", tmp.resolve("bad-grid").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("grid is empty");
        assertThat(tmp.resolve("bad-grid")).doesNotExist();
    }

    @Test
    void aProbeFromOtherLayersIsRejected() throws Exception {
        Path narrow = SampleStores.extract(tmp, "narrow", SampleStores.EWT_TRAIN, 40, "--layers", "0,6");
        Path probe = tmp.resolve("narrow-probe");
        assertThat(CliRun.run("train", "-q", "--train", narrow.toString(), "--split", "80/20", "--out",
                probe.toString()).exitCode()).isZero();
        CliRun run = CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--probe",
                probe.toString(), "--out", tmp.resolve("bad-probe").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("different model or layers");
        assertThat(tmp.resolve("bad-probe")).doesNotExist();
    }
}
