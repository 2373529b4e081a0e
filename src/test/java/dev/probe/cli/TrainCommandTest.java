package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.activations.store.ActivationStore;
import dev.probe.testing.CliRun;
import dev.probe.testing.Numpy;
import dev.probe.testing.SampleStores;
import dev.probe.testing.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe train} and {@code probe eval} end to end on the embedded MiniLM: stores of XPOS tags (the default label
 * column) extracted from the first 300 training and 100 dev sentences of the EWT samples (7,027 and 2,319 words; all 7
 * layers × 384 = 2,688 neurons).
 */
class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path train;
    private static Path dev;

    @BeforeAll
    static void extract() throws IOException {
        train = SampleStores.extract(tmp, "train", SampleStores.EWT_TRAIN, 300);
        dev = SampleStores.extract(tmp, "dev", SampleStores.EWT_DEV, 100);
    }

    @Test
    void trainsWithControlTaskWritesTheProbeAndEvalReproducesIt() throws Exception {
        Path probe = tmp.resolve("probe");
        CliRun run = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--control",
                "--out", probe.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();

        // the table: header, then a row per split with accuracy and, for --control, selectivity
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("split\trows\taccuracy\tmacro_f1\tmcc\tunseen\tcontrol\tselectivity");
        String[] devRow = lines.stream().filter(l -> l.startsWith("dev\t")).findFirst().orElseThrow().split("\t");
        double tableAccuracy = Double.parseDouble(devRow[2]);
        double baseline = majorityBaseline();
        assertThat(baseline).isBetween(0.05, 0.3); // XPOS "IN", about one dev word in eight
        assertThat(tableAccuracy).isGreaterThan(baseline + 0.5);
        assertThat(run.out()).contains("probe written to " + probe);

        JsonNode report = JSON.readTree(probe.resolve("probe.json").toFile());
        for (String split : List.of("train", "dev")) {
            double accuracy = report.path("metrics").path(split).path("accuracy").asDouble(-1);
            assertThat(accuracy).as(split).isBetween(0.0, 1.0);
            assertThat(report.path("metrics").path(split).path("per_class").size()).as(split).isGreaterThan(10);
            assertThat(report.path("control").path("selectivity").path(split).isNumber()).as(split).isTrue();
        }
        double devAccuracy = report.path("metrics").path("dev").path("accuracy").asDouble();
        assertThat(String.format(java.util.Locale.ROOT, "%.4f", devAccuracy)).isEqualTo(devRow[2]);
        // a probe that reads the property beats one that memorises word types, at least on unseen sentences
        assertThat(report.path("control").path("selectivity").path("dev").asDouble()).isPositive();
        assertThat(report.path("width").asInt()).isEqualTo(384);
        assertThat(report.path("neurons").size()).isEqualTo(2688);
        // both probes were solved to the optimality threshold, and say so
        for (JsonNode training : List.of(report.path("training"), report.path("control").path("training"))) {
            JsonNode c = training.path("convergence");
            assertThat(c.path("solver").asText()).isEqualTo("proximal-lbfgs");
            assertThat(c.path("converged").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.path("criterion").asText()).isEqualTo("relative pseudo-gradient norm");
            assertThat(c.path("value").asDouble()).isLessThanOrEqualTo(c.path("threshold").asDouble());
            assertThat(c.path("threshold").asDouble()).isEqualTo(1e-4);
            assertThat(c.path("iterations").asInt()).isPositive();
        }

        int classes = report.path("labels").size();
        assertThat(classes).isGreaterThan(10);
        NpyArray weights = NpyArray.read(probe.resolve("weights.npy"));
        assertThat(weights.shape()).containsExactly(classes, 2688);
        assertThat(NpyArray.read(probe.resolve("bias.npy")).shape()).containsExactly(classes);

        // eval on the dev store gives exactly the accuracy recorded at training time
        CliRun eval = CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", dev.toString(), "--json");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        JsonNode evalMetrics = JSON.readTree(eval.out()).path("metrics").path("dev");
        assertThat(evalMetrics.path("accuracy").asDouble()).isEqualTo(devAccuracy);
        assertThat(evalMetrics.path("macro_f1").asDouble())
                .isEqualTo(report.path("metrics").path("dev").path("macro_f1").asDouble());
        assertThat(evalMetrics.path("unseen").asInt())
                .isEqualTo(report.path("metrics").path("dev").path("unseen").asInt());
        // last, as it is skipped without python3 and numpy
        numpyShape(probe.resolve("weights.npy"), "(" + classes + ", 2688) float32");
    }

    @Test
    void splitsOneStoreDeterministicallyAndPrintsJson() throws Exception {
        JsonNode first = splitRun("split-a");
        JsonNode again = splitRun("split-b");
        assertThat(again).isEqualTo(first);
        int total = 0;
        for (String split : List.of("train", "dev", "test")) {
            total += first.path("metrics").path(split).path("size").asInt();
            assertThat(first.path("metrics").path(split).path("accuracy").asDouble()).as(split).isGreaterThan(0.5);
        }
        try (ActivationStore store = ActivationStore.open(train)) {
            assertThat(total).isEqualTo(store.tokens().size());
            int trainRows = first.path("metrics").path("train").path("size").asInt();
            assertThat((double) trainRows / total).isBetween(0.7, 0.9);
        }
        assertThat(NpyArray.read(tmp.resolve("split-b/weights.npy")).floats())
                .containsExactly(NpyArray.read(tmp.resolve("split-a/weights.npy")).floats());
        JsonNode report = JSON.readTree(tmp.resolve("split-a/probe.json").toFile());
        assertThat(report.path("stores").path("dev").path("rows").asInt())
                .isEqualTo(first.path("metrics").path("dev").path("size").asInt());
    }

    private JsonNode splitRun(String name) throws IOException {
        CliRun run = CliRun.run("train", "-q", "--train", train.toString(), "--split", "80/10/10", "--json", "--out",
                tmp.resolve(name).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = JSON.readTree(run.out());
        assertThat(json.path("metrics").isObject()).as(run.out()).isTrue();
        return json;
    }

    @Test
    void neuroxScheduleRecordsThatItStoppedWithoutConvergingAndWarnsOnce() throws Exception {
        Path probe = tmp.resolve("neurox");
        CliRun run = CliRun.run("train", "-q", "--neurox", "--epochs", "1", "--train", train.toString(), "--dev",
                dev.toString(), "--out", probe.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("warning: the probe did not converge (fixed schedule after 1 epoch:"
                + " relative pseudo-gradient norm");
        JsonNode report = JSON.readTree(probe.resolve("probe.json").toFile());
        JsonNode c = report.path("training").path("convergence");
        assertThat(c.path("solver").asText()).isEqualTo("adam");
        assertThat(c.path("converged").asBoolean()).isFalse();
        assertThat(c.path("stop").asText()).isEqualTo("fixed schedule");
        assertThat(c.path("value").asDouble()).isGreaterThan(c.path("threshold").asDouble());
        JsonNode options = report.path("options");
        assertThat(options.path("solver").asText()).isEqualTo("ADAM");
        assertThat(options.path("batch_size").asInt()).isEqualTo(32);
        assertThat(options.path("learning_rate").asDouble()).isEqualTo(0.001);
        assertThat(report.path("metrics").path("dev").path("accuracy").asDouble()).isGreaterThan(0.5);
    }

    /** The dev share of the most frequent training label. */
    private static double majorityBaseline() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        try (ActivationStore t = ActivationStore.open(train); ActivationStore d = ActivationStore.open(dev)) {
            t.labels(null).forEach(l -> counts.merge(l, 1, Integer::sum));
            String majority = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            List<String> labels = d.labels(null);
            return labels.stream().filter(majority::equals).count() / (double) labels.size();
        }
    }

    private static void numpyShape(Path npy, String expected) throws Exception {
        assertThat(Numpy.describe(npy)).contains(expected);
    }
}
