package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyHeader;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.SyntheticStores;
import dev.probe.testing.CliRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A NaN or infinite value in a store that {@code eval} or {@code rank} scores, or in a saved probe's arrays, ends the
 * command with exit code 2 and one stderr line naming the file, the row and the neuron (or column), and nothing left
 * behind. The stores are synthetic (200 rows × 50 neurons, 3 classes) with the bytes of one value overwritten.
 */
class NonFiniteInputsTest {
    private static final int NAN32 = 0x7fc00000;
    private static final int INF32 = 0x7f800000;

    @TempDir
    Path tmp;

    private final SyntheticStores.Data data = SyntheticStores.blobs(200, 50, 3, 3.0, 5);
    private Path train;
    private Path dev;
    private Path probe;

    @BeforeEach
    void trainAProbe() throws Exception {
        train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        dev = SyntheticStores.write(tmp.resolve("dev"), data, StoreDtype.FLOAT32);
        probe = tmp.resolve("probe");
        CliRun run = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(),
                "--out", probe.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** Overwrites element {@code [row, col]} of a float32 {@code .npy} file with the given bits. */
    private static void patch32(Path npy, long row, int col, int bits) throws Exception {
        NpyHeader header = NpyHeader.read(npy);
        long cols = header.shape().length == 2 ? header.shape()[1] : header.shape()[0];
        try (RandomAccessFile f = new RandomAccessFile(npy.toFile(), "rw")) {
            f.seek(header.dataOffset() + (row * cols + col) * 4);
            f.writeInt(Integer.reverseBytes(bits)); // little-endian
        }
    }

    private void assertFailsCleanly(CliRun run, String... expected) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(expected);
        assertThat(run.out()).isEmpty();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."))
                    .doesNotContain("rank");
        }
    }

    private CliRun eval(Path store) {
        return CliRun.run("eval", "-q", "--probe", probe.toString(), "--store", store.toString());
    }

    @Test
    void evalNamesTheRowAndNeuronOfANaN() throws Exception {
        Path matrix = dev.resolve(ActivationStore.MATRIX_FILE);
        patch32(matrix, 137, 41, NAN32);
        assertFailsCleanly(eval(dev), matrix + ": row 137 (tokens.tsv line 139), neuron 41 holds NaN");
    }

    @Test
    void evalNamesTheFirstOfSeveralInfinities() throws Exception {
        Path matrix = dev.resolve(ActivationStore.MATRIX_FILE);
        patch32(matrix, 180, 0, INF32);
        patch32(matrix, 12, 49, INF32 | 0x80000000);
        assertFailsCleanly(eval(dev), matrix + ": row 12 (tokens.tsv line 14), neuron 49 holds -Infinity");
    }

    @Test
    void evalReadsFloat16StoresToo() throws Exception {
        Path half = SyntheticStores.write(tmp.resolve("half"), data, StoreDtype.FLOAT16);
        Path matrix = half.resolve(ActivationStore.MATRIX_FILE);
        NpyHeader header = NpyHeader.read(matrix);
        try (RandomAccessFile f = new RandomAccessFile(matrix.toFile(), "rw")) {
            f.seek(header.dataOffset() + (3L * 50 + 7) * 2);
            f.write(new byte[] {0x00, 0x7c}); // +Inf, little-endian binary16
        }
        assertFailsCleanly(eval(half), matrix + ": row 3 (tokens.tsv line 5), neuron 7 holds Infinity");
    }

    @Test
    void rankNamesTheDevStoreAndLeavesNothingBehind() throws Exception {
        Path matrix = dev.resolve(ActivationStore.MATRIX_FILE);
        patch32(matrix, 5, 2, NAN32);
        assertFailsCleanly(CliRun.run("rank", "-q", "--train", train.toString(), "--dev",
                dev.toString(), "--out", tmp.resolve("rank").toString()),
                matrix + ": row 5 (tokens.tsv line 7), neuron 2 holds NaN");
    }

    @Test
    void trainAndRankNameTheTrainingStoresRowAndNeuron() throws Exception {
        Path matrix = train.resolve(ActivationStore.MATRIX_FILE);
        patch32(matrix, 64, 13, NAN32);
        String expected = matrix + ": row 64 (tokens.tsv line 66), neuron 13 holds NaN";
        assertFailsCleanly(CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--out",
                tmp.resolve("rank").toString()), expected);
        assertFailsCleanly(CliRun.run("train", "-q", "--neurox", "--train", train.toString(), "--dev",
                dev.toString(), "--out", tmp.resolve("rank").toString()), expected);
        assertFailsCleanly(CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(), "--out",
                tmp.resolve("rank").toString()), expected);
    }

    @Test
    void penaltiesAndLearningRateMustBeFinite() throws Exception {
        String[][] bad = {{"--l1", "NaN"}, {"--l1", "Infinity"}, {"--l2", "-Infinity"}, {"--l2", "NaN"},
            {"--lr", "NaN"}, {"--lr", "Infinity"}};
        for (String[] option : bad) {
            for (String command : new String[] {"train", "rank"}) {
                assertFailsCleanly(CliRun.run(command, "-q", option[0], option[1], "--train", train.toString(),
                        "--dev", dev.toString(), "--out", tmp.resolve("rank").toString()), option[0], "finite");
            }
        }
    }

    @Test
    void aNaNIsFoundAlsoWhereTheProbesWeightIsZero() throws Exception {
        // rank's ablations zero weights: 0 × NaN is NaN, so the scores still show it
        Path weights = probe.resolve("weights.npy");
        for (int c = 0; c < 3; c++) {
            patch32(weights, c, 30, 0);
        }
        Path matrix = dev.resolve(ActivationStore.MATRIX_FILE);
        patch32(matrix, 99, 30, NAN32);
        assertFailsCleanly(eval(dev), matrix + ": row 99 (tokens.tsv line 101), neuron 30 holds NaN");
    }

    @Test
    void probeWeightsBiasAndStatisticsMustBeFinite() throws Exception {
        Path weights = probe.resolve("weights.npy");
        patch32(weights, 2, 17, NAN32);
        assertFailsCleanly(eval(dev), weights + ": weights row 2, column 17 holds NaN");
        assertFailsCleanly(CliRun.run("rank", "-q", "--train", train.toString(), "--dev", dev.toString(),
                "--probe", probe.toString(), "--out", tmp.resolve("rank").toString()), weights.toString());

        patch32(weights, 2, 17, 0);
        Path bias = probe.resolve("bias.npy");
        patch32(bias, 0, 1, INF32);
        assertFailsCleanly(eval(dev), bias + ": bias row 0, column 1 holds Infinity");
    }

    @Test
    void scoresThatOverflowFromFiniteInputsAreNamedToo() throws Exception {
        // W[0, 0] = b[0] = 3.4e38: the score of class 0 overflows to +Inf for every row whose neuron 0 is positive
        patch32(probe.resolve("weights.npy"), 0, 0, Float.floatToIntBits(3.4e38f));
        patch32(probe.resolve("bias.npy"), 0, 0, Float.floatToIntBits(3.4e38f));
        assertFailsCleanly(eval(dev), dev.resolve(ActivationStore.MATRIX_FILE) + ": row ",
                "the probe's score of output 0 is Infinity although every activation read is finite");
    }

    @Test
    void standardizationMustBeFiniteWithPositiveDeviations() throws Exception {
        Path scaled = tmp.resolve("scaled");
        CliRun run = CliRun.run("train", "-q", "--standardize", "--train", train.toString(),
                "--dev", dev.toString(), "--out", scaled.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        probe = scaled;
        Path stats = scaled.resolve("standardize.npy");
        patch32(stats, 0, 8, NAN32);
        assertFailsCleanly(eval(dev), stats + ": standardize row 0, column 8 holds NaN");
        patch32(stats, 0, 8, 0);
        patch32(stats, 1, 9, 0);
        assertFailsCleanly(eval(dev), stats + ": standardize row 1 (std), column 9 holds 0.0");
    }
}
