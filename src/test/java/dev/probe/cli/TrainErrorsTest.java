package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.SyntheticStores;
import dev.probe.testing.CliRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input to {@code train} and {@code eval} ends with exit code 2, exactly one line on stderr naming the file
 * at fault (where there is one), nothing on stdout and no probe folder (nor temporary folder) left behind. The stores
 * are small synthetic ones: 200 rows × 50 neurons, 3 classes.
 */
class TrainErrorsTest {
    @TempDir
    Path tmp;

    private final SyntheticStores.Data data = SyntheticStores.blobs(200, 50, 3, 3.0, 5);

    private Path store(String name) throws Exception {
        return SyntheticStores.write(tmp.resolve(name), data, StoreDtype.FLOAT32);
    }

    /** Runs {@code train -q --out tmp/probe args…} and checks that it failed cleanly, naming {@code expected}. */
    private void trainFails(String expected, String... args) throws IOException {
        Path out = tmp.resolve("probe");
        List<String> all = new ArrayList<>(List.of("train", "-q", "--out", out.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(expected);
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".probe"));
        }
    }

    @Test
    void storesFromDifferentLayers() throws Exception {
        Path train = store("train");
        // the same 50 columns, but as layers 0 and 1 of 25 units each
        Path dev = SyntheticStores.write(tmp.resolve("two-layers"), data, StoreDtype.FLOAT32, List.of(0, 1),
                SyntheticStores.CONFIG);
        trainFails(dev + ": comes from a different model or layers", "--train", train.toString(), "--dev",
                dev.toString());
    }

    @Test
    void storesFromDifferentModels() throws Exception {
        Path train = store("train");
        Path dev = SyntheticStores.write(tmp.resolve("other-model"), data, StoreDtype.FLOAT32, List.of(0),
                "ef".repeat(32));
        trainFails(dev + ": comes from a different model or layers", "--train", train.toString(), "--dev",
                dev.toString());
        // the test split is checked too
        trainFails(dev.toString(), "--train", train.toString(), "--dev", store("dev").toString(), "--test",
                dev.toString());
    }

    @Test
    void truncatedMatrix() throws Exception {
        Path train = store("train");
        Path matrix = train.resolve(ActivationStore.MATRIX_FILE);
        try (RandomAccessFile f = new RandomAccessFile(matrix.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        trainFails(matrix.toString(), "--train", train.toString(), "--dev", store("dev").toString());
        trainFails(matrix.toString(), "--train", store("good").toString(), "--dev", train.toString());
    }

    @Test
    void tokensRowCountDiffersFromTheMatrix() throws Exception {
        Path dev = store("dev");
        Path tokens = dev.resolve(ActivationStore.TOKENS_FILE);
        List<String> lines = Files.readAllLines(tokens, StandardCharsets.UTF_8);
        Files.write(tokens, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);
        trainFails(tokens.toString(), "--train", store("train").toString(), "--dev", dev.toString());
    }

    @Test
    void neuronListOutOfRange() throws Exception {
        trainFails("neuron 50 is out of range: the stores have neurons 0..49", "--train", store("train").toString(),
                "--dev", store("dev").toString(), "--neurons", "0-99999");
    }

    @Test
    void negativePenalty() throws Exception {
        trainFails("--l1: must be a finite number between 0.0 and", "--train", store("train").toString(), "--dev",
                store("dev").toString(), "--l1", "-1");
        trainFails("--l2: must be a finite number between 0.0 and", "--train", store("train2").toString(), "--dev",
                store("dev2").toString(), "--l2", "-0.5");
    }

    @Test
    void singleClassTrainingSet() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("one-class"), SyntheticStores.relabelled(data, "NOUN"),
                StoreDtype.FLOAT32);
        trainFails(train.resolve(ActivationStore.TOKENS_FILE) + ": the training set has a single class (NOUN)",
                "--train", train.toString(), "--dev", store("dev").toString());
    }

    @Test
    void existingProbeFolderIsKept() throws Exception {
        Path out = tmp.resolve("probe");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun run = CliRun.run("train", "-q", "--train", store("train").toString(), "--dev", store("dev").toString(),
                "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains(out.toString()).contains("--force");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void evalWithAStoreFromOtherLayersOrAnotherModel() throws Exception {
        Path probe = tmp.resolve("trained");
        CliRun trained = CliRun.run("train", "-q", "--train", store("train").toString(), "--dev",
                store("dev").toString(), "--out", probe.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path layers = SyntheticStores.write(tmp.resolve("two-layers"), data, StoreDtype.FLOAT32, List.of(0, 1),
                SyntheticStores.CONFIG);
        Path model = SyntheticStores.write(tmp.resolve("other-model"), data, StoreDtype.FLOAT32, List.of(0),
                "ef".repeat(32));
        for (Path other : List.of(layers, model)) {
            CliRun run = CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", other.toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
            assertThat(run.errLines()).as(run.err()).hasSize(1);
            assertThat(run.errLines().get(0)).startsWith("probe: " + other + ": ")
                    .contains("different model or layers").contains(probe.toString());
            assertThat(run.out()).isEmpty();
        }
        // and the matching store scores fine
        CliRun ok = CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", store("same").toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void evalWithoutAProbe() throws Exception {
        Path notAProbe = Files.createDirectories(tmp.resolve("empty"));
        CliRun run = CliRun.run("eval", "-q", "--probe", notAProbe.toString(), "--store", store("dev").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains(notAProbe + ": not a probe folder");
    }
}
