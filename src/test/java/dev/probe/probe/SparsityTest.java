package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The L1 term makes the probe sparse with exact zeros: on 3,000 synthetic rows where only neurons 0..2 carry the class
 * (3 classes, neuron c shifted by +3 for class c) and the other 47 neurons are N(0, 1) noise, the converged probe with
 * λ1 = 0.01 has exactly zero weight on almost every noise neuron, while the same probe without the penalty has none.
 */
class SparsityTest {
    private static final int NEURONS = 50;
    private static final int SIGNAL = 3;

    @TempDir
    static Path tmp;

    private static Path store;

    @BeforeAll
    static void writeStore() throws Exception {
        store = SyntheticStores.write(tmp.resolve("blobs"), SyntheticStores.blobs(3000, NEURONS, SIGNAL, 3.0, 11),
                StoreDtype.FLOAT32);
    }

    @Test
    void l1PenaltyGivesExactZerosOnNoiseNeurons() throws Exception {
        WeightStats sparse = train(0.01);
        WeightStats dense = train(0);
        // at the optimum a noise weight is zero unless its gradient at zero exceeds λ1: with 3,000 rows the
        // correlation of a noise neuron with a class is of order 1/√3000 ≈ 0.02, against λ1 = 0.01 in those units
        assertThat(sparse.zeroNoise()).as("%s", sparse).isGreaterThan(0.9);
        assertThat(sparse.top3()).as("%s", sparse).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sparse.accuracy()).as("%s", sparse).isGreaterThan(0.9);
        assertThat(dense.accuracy()).as("%s", dense).isGreaterThan(0.9);
        // without the penalty no weight is exactly zero (λ2 alone shrinks but never zeroes)
        assertThat(dense.zeroNoise()).as("%s", dense).isZero();
    }

    /**
     * Mean |w| over the signal and the noise neurons, the share of noise weights that are exactly zero, and the three
     * neurons of largest max-over-classes |w|.
     */
    private record WeightStats(double signalMean, double noiseMean, double zeroNoise, int[] top3, double accuracy) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "signal %.4f noise %.4f zero noise %.3f top3 %s accuracy %.4f",
                    signalMean, noiseMean, zeroNoise, Arrays.toString(top3), accuracy);
        }
    }

    private static WeightStats train(double l1) throws Exception {
        try (ActivationStore s = ActivationStore.open(store)) {
            ProbeOptions options = ProbeOptions.defaults().withPenalties(l1, 0.001);
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(s, null, null), options);
            ProbeTraining.Trained trained = ProbeTraining.train(splits, ProbeTraining.statistics(splits, options),
                    Features.all(), options, f -> { });
            assertThat(trained.training().convergence().converged()).isTrue();
            float[][] w = trained.probe().weightRows();
            double[] maxAbs = new double[NEURONS];
            double signal = 0;
            double noise = 0;
            int zero = 0;
            for (float[] row : w) {
                for (int j = 0; j < NEURONS; j++) {
                    double a = Math.abs(row[j]);
                    zero += j >= SIGNAL && row[j] == 0 ? 1 : 0;
                    maxAbs[j] = Math.max(maxAbs[j], a);
                    if (j < SIGNAL) {
                        signal += a / (w.length * SIGNAL);
                    } else {
                        noise += a / (w.length * (NEURONS - SIGNAL));
                    }
                }
            }
            int[] top3 = IntStream.range(0, NEURONS).boxed()
                    .sorted(Comparator.comparingDouble((Integer j) -> maxAbs[j]).reversed()).limit(3)
                    .mapToInt(Integer::intValue).toArray();
            return new WeightStats(signal, noise, (double) zero / (w.length * (NEURONS - SIGNAL)), top3,
                    trained.accuracy("train"));
        }
    }
}
