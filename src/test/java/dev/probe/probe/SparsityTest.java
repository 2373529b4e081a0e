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
 * The L1 term makes the probe sparse: on 3,000 synthetic rows where only neurons 0..2 carry the class (3 classes,
 * neuron c shifted by +3 for class c) and the other 47 neurons are N(0, 1) noise, a probe trained with λ1 = 0.01 puts
 * almost all its weight on the three signal neurons, while the same probe without the penalty keeps clearly larger
 * noise weights.
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
    void l1PenaltyLeavesWeightOnlyOnTheSignalNeurons() throws Exception {
        WeightStats sparse = train(0.01);
        WeightStats dense = train(0);
        // Adam never lands exactly on zero: an L1-pinned weight oscillates about zero with an amplitude below lr
        // (0.01 here) while the signal weights grow to order 1. Measured: noise/signal ≈ 0.5 % with λ1 = 0.01 and
        // ≈ 6 % with λ1 = 0, so a 2 % bound separates the two with a margin of about 3 on either side.
        assertThat(sparse.noiseMean()).as("%s", sparse).isLessThan(0.02 * sparse.signalMean());
        assertThat(sparse.top3()).as("%s", sparse).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(sparse.accuracy()).as("%s", sparse).isGreaterThan(0.9);
        assertThat(dense.accuracy()).as("%s", dense).isGreaterThan(0.9);
        // without the penalty nothing pulls the noise weights in from their random start, nor stops them fitting noise
        assertThat(dense.noiseMean()).as("%s", dense).isGreaterThan(0.02 * dense.signalMean())
                .isGreaterThan(5 * sparse.noiseMean());
    }

    /** Mean |w| over the signal and the noise neurons, and the three neurons of largest max-over-classes |w|. */
    private record WeightStats(double signalMean, double noiseMean, int[] top3, double accuracy) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "signal %.4f noise %.4f top3 %s accuracy %.4f", signalMean,
                    noiseMean, Arrays.toString(top3), accuracy);
        }
    }

    private static WeightStats train(double l1) throws Exception {
        try (ActivationStore s = ActivationStore.open(store)) {
            ProbeOptions options = new ProbeOptions(ProbeOptions.Task.CLASSIFICATION, l1, 0, 20, 100, 0.01, 3, false,
                    1, 0);
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(s, null, null), options);
            ProbeTraining.Trained trained = ProbeTraining.train(splits, Features.all(), options, (e, l, n) -> { });
            float[][] w = trained.probe().weightRows();
            double[] maxAbs = new double[NEURONS];
            double signal = 0;
            double noise = 0;
            for (float[] row : w) {
                for (int j = 0; j < NEURONS; j++) {
                    double a = Math.abs(row[j]);
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
            return new WeightStats(signal, noise, top3, trained.accuracy("train"));
        }
    }
}
