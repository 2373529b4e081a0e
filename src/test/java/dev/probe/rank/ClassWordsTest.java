package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.NpyMatrixWriter;
import dev.probe.activations.store.StoreDtype;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signed, class-conditional top words on literal data whose answer is known by construction. */
class ClassWordsTest {
    @TempDir
    Path dir;

    /**
     * 20 rows, 2 neurons, 2 classes. Neuron 0 is −3 on the 5 "." tokens of class 0, +1 on the 5 "!" tokens of class 0
     * and 0 on the 10 "a" tokens of class 1: mean 0, so z is the value over the sample sd. Neuron 1 is +2 on "a", −2
     * elsewhere. Class 0's top neuron is 0, class 1's is neuron 1.
     */
    @Test
    void classWordsKeepTheSignAndTheExtremesGoBothWays() throws Exception {
        List<String> tokens = new ArrayList<>();
        int[] classes = new int[20];
        float[] values = new float[40];
        for (int i = 0; i < 20; i++) {
            String token = i < 5 ? "." : i < 10 ? "!" : "a";
            tokens.add(token);
            classes[i] = i < 10 ? 0 : 1;
            values[2 * i] = i < 5 ? -3 : i < 10 ? 1 : 0;
            values[2 * i + 1] = i < 10 ? -2 : 2;
        }
        Path file = dir.resolve("m.npy");
        try (NpyMatrixWriter w = NpyMatrixWriter.create(file, 20, 2, StoreDtype.FLOAT32)) {
            w.writeRows(0, values, 0, 20);
        }
        long[] rows = new long[20];
        for (int i = 0; i < 20; i++) {
            rows[i] = i;
        }
        double mean0 = (5 * -3 + 5 * 1) / 20.0;
        double sd0 = Math.sqrt((5 * Math.pow(-3 - mean0, 2) + 5 * Math.pow(1 - mean0, 2) + 10 * Math.pow(mean0, 2))
                / 19);
        double sd1 = Math.sqrt(20 * 4 / 19.0);
        try (NpyMatrix m = NpyMatrix.open(file)) {
            ClassWords words = ClassWords.of(m, rows, tokens, classes, new int[][] {{0}, {1}});
            List<RankingResult.WordScore> fullStop = words.inClass(0, 0, 8);
            assertThat(fullStop).extracting(RankingResult.WordScore::word).containsExactly(".", "!");
            assertThat(fullStop.get(0).z()).isCloseTo((-3 - mean0) / sd0, within(1e-6)).isNegative();
            assertThat(fullStop.get(0).count()).isEqualTo(5);
            assertThat(fullStop.get(1).z()).isCloseTo((1 - mean0) / sd0, within(1e-6)).isPositive();
            assertThat(words.inClass(1, 0, 8)).singleElement()
                    .satisfies(w -> assertThat(w.z()).isCloseTo(2 / sd1, within(1e-6)));
            assertThat(words.extreme(0, 1, 8)).extracting(RankingResult.WordScore::word).containsExactly("!", "a");
            assertThat(words.extreme(0, -1, 8)).extracting(RankingResult.WordScore::word).containsExactly(".");
            assertThat(words.extreme(1, -1, 8)).extracting(RankingResult.WordScore::word).containsExactly("!", ".");
        }
    }

    @Test
    void topNeuronsAreByMagnitudeAndNeverOfWeightZero() {
        assertThat(ClassNeurons.top(new float[] {0.5f, -2f, 0f, 0.5f, 1f}, 3)).containsExactly(1, 4, 0);
        assertThat(ClassNeurons.top(new float[] {0f, 0.1f, 0f}, 5)).containsExactly(1);
        assertThat(ClassNeurons.top(new float[] {0f, 0f}, 5)).isEmpty();
    }
}
