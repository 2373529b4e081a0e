package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.solver.Curvature;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClassBlocks} against a hand computation: with fewer rows than its sample, the sampled Gram is exact, so each
 * block must equal {@code (1/n)·Σ_i p_ic(1 − p_ic)·x̃_iJ x̃_iJᵀ} on its working neurons, plus the Frobenius term on the
 * diagonal; coordinates of other classes and the bias are left to the diagonal model.
 */
class ClassBlocksTest {
    @TempDir
    Path tmp;

    @Test
    void blocksAreTheWeightedGramsOfEachClassOnItsWorkingNeurons() throws Exception {
        SyntheticStores.Data data = SyntheticStores.blobs(60, 5, 3, 1.5, 9);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("s"), data,
                StoreDtype.FLOAT32)); NDManager m = NDManager.newBaseManager("PyTorch")) {
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), ProbeOptions.defaults());
            ProbeData train = splits.train();
            try (DesignBlocks blocks = new DesignBlocks(m, train, null, 16)) {
                TrainingStatistics stats = TrainingStatistics.of(blocks, 3, m);
                double[] scale = ProbeObjective.scales(stats);
                double[] kappa = new double[5];
                for (int j = 0; j < 5; j++) {
                    kappa[j] = 1 / scale[j];
                }
                ProbeObjective objective = new ProbeObjective(m, blocks, stats, true, kappa, 0.01);
                double[] x = new double[objective.dimension()];
                java.util.SplittableRandom random = new java.util.SplittableRandom(3);
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextDouble() - 0.5;
                }
                objective.evaluate(x, new double[x.length]);
                // class 0 works on neurons 1 and 3, class 2 on neuron 4; class 1 and the biases have no block
                int[] working = {1, 3, 2 * 5 + 4, 15, 16, 17};
                Curvature model = objective.curvature(x, working);
                assertThat(model.blocks()).hasSize(2);
                Curvature.Block zero = model.blocks().get(0);
                assertThat(zero.indices()).containsExactly(1, 3);
                Curvature.Block two = model.blocks().get(1);
                assertThat(two.indices()).containsExactly(14);

                double[][] p = probabilities(train, x, objective);
                double normW = 0;
                for (int c = 0; c < 3; c++) {
                    for (int j = 0; j < 5; j++) {
                        normW += Math.pow(kappa[j] * x[c * 5 + j], 2);
                    }
                }
                normW = Math.sqrt(normW);
                int[][] cols = {{1, 3}, {4}};
                int[] cls = {0, 2};
                for (int b = 0; b < 2; b++) {
                    Curvature.Block block = model.blocks().get(b);
                    for (int r = 0; r < cols[b].length; r++) {
                        for (int s = 0; s < cols[b].length; s++) {
                            double expected = 0;
                            for (int i = 0; i < train.size(); i++) {
                                double pc = p[i][cls[b]];
                                expected += pc * (1 - pc) * centred(data, stats, scale, i, cols[b][r])
                                        * centred(data, stats, scale, i, cols[b][s]);
                            }
                            expected /= train.size();
                            if (r == s) {
                                int j = cols[b][r];
                                expected += 0.01 * kappa[j] * kappa[j] / normW;
                            }
                            assertThat(block.at(r, s)).as("block %d [%d, %d]", b, r, s)
                                    .isCloseTo(expected, within(1e-5 + 1e-5 * Math.abs(expected)));
                        }
                    }
                }
            }
        }
    }

    private static double centred(SyntheticStores.Data data, TrainingStatistics stats, double[] scale, int row,
            int neuron) {
        return (data.x()[row][neuron] - stats.mean()[neuron]) / scale[neuron];
    }

    /** Softmax probabilities of the raw weights, in double. */
    private static double[][] probabilities(ProbeData train, double[] x, ProbeObjective objective) {
        ProbeObjective.Parameters at = objective.at(x);
        int n = train.size();
        double[][] p = new double[n][3];
        float[] row = new float[5];
        for (int i = 0; i < n; i++) {
            train.matrix().readRow(train.rows()[i], row, 0);
            double max = Double.NEGATIVE_INFINITY;
            double[] z = new double[3];
            for (int c = 0; c < 3; c++) {
                z[c] = at.rawBias()[c];
                for (int j = 0; j < 5; j++) {
                    z[c] += at.rawWeights()[c * 5 + j] * row[j];
                }
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                p[i][c] = Math.exp(z[c] - max);
                sum += p[i][c];
            }
            for (int c = 0; c < 3; c++) {
                p[i][c] /= sum;
            }
        }
        return p;
    }
}
