package dev.probe.probe;

import static dev.probe.probe.ToyProblem.B;
import static dev.probe.probe.ToyProblem.L1;
import static dev.probe.probe.ToyProblem.L2;
import static dev.probe.probe.ToyProblem.W;
import static dev.probe.probe.ToyProblem.X;
import static dev.probe.probe.ToyProblem.Y;
import static dev.probe.probe.ToyProblem.flat;
import static dev.probe.probe.ToyProblem.toFloat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.probe.activations.store.ActivationStore;
import dev.probe.probe.solver.Subgradients;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProbeObjective} against a hand computation in plain double arithmetic on literal data (5 rows × 4 neurons,
 * 3 classes): value and gradient of {@code mean CE + λ2‖W‖_F} in the raw weights, reached through the solver's
 * centred and scaled parameters, with blocks of 2 rows so that several blocks are summed; and the criterion's
 * reference {@code ‖◇F(0)‖} from the statistics alone.
 */
class ProbeObjectiveTest {
    @TempDir
    Path tmp;

    @Test
    void valueAndGradientMatchTheHandComputation() throws Exception {
        try (ActivationStore store = ToyProblem.store(tmp); NDManager m = NDManager.newBaseManager("PyTorch")) {
            ProbeData train = new ProbeData("train", store.matrix(), new long[] {0, 1, 2, 3, 4}, Y.clone(), null);
            try (DesignBlocks blocks = new DesignBlocks(m, train, null, 2)) {
                assertThat(blocks.count()).isEqualTo(3);
                TrainingStatistics stats = TrainingStatistics.of(blocks, 3, m);
                double[] kappa = new double[4];
                double[] scale = ProbeObjective.scales(stats);
                for (int j = 0; j < 4; j++) {
                    kappa[j] = 1 / scale[j];
                }
                ProbeObjective objective = new ProbeObjective(m, blocks, stats, true, kappa, L2);
                double[] x = objective.parameters(flat(W), toFloat(B));
                double[] g = new double[x.length];
                double value = objective.evaluate(x, g);
                double[][] handW = new double[3][4];
                double[] handB = new double[3];
                double hand = handGradient(handW, handB);
                assertThat(value).isCloseTo(hand, within(1e-6));
                // chain rule back to the raw weights: V_cj = s_j·W_cj and b' = b + Σ_j W_cj·μ_j, so
                // ∂F/∂W_cj = s_j·∂F/∂V_cj + μ_j·∂F/∂b'_c and ∂F/∂b_c = ∂F/∂b'_c
                for (int c = 0; c < 3; c++) {
                    double gb = g[12 + c];
                    assertThat(gb).as("dF/db[%d]", c).isCloseTo(handB[c], within(1e-6));
                    for (int j = 0; j < 4; j++) {
                        double gw = scale[j] * g[c * 4 + j] + stats.mean()[j] * gb;
                        assertThat(gw).as("dF/dW[%d][%d]", c, j).isCloseTo(handW[c][j], within(1e-6));
                    }
                }
                // the reference norm from the statistics equals the pseudo-gradient at 0 computed by a full pass
                double[] g0 = new double[x.length];
                double atZero = objective.evaluate(new double[x.length], g0);
                // at zero weights every score is 0: the mean cross-entropy is log(classes), known without a pass
                assertThat(atZero).isCloseTo(Math.log(3), within(1e-9));
                assertThat(objective.valueAtOrigin()).isEqualTo(Math.log(3));
                // a second pass at x gives the same bits as the first
                double[] again = new double[x.length];
                assertThat(objective.evaluate(x.clone(), again)).isEqualTo(value);
                assertThat(again).containsExactly(g);
                assertThat(objective.referenceNorm(stats, L1)).isCloseTo(
                        Subgradients.pseudoGradientNorm(new double[x.length], g0, objective.l1Weights(L1)),
                        within(1e-6));
                // and the parameters round-trip to the raw weights
                float[] w = new float[12];
                float[] b = new float[3];
                objective.rawWeights(x, w, b);
                assertThat(w).containsExactly(flat(W), within(1e-6f));
                assertThat(b).containsExactly(toFloat(B), within(1e-6f));
            }
        }
    }

    /** Mean cross-entropy + λ2‖W‖_F and its gradient, in double. */
    private static double handGradient(double[][] gradW, double[] gradB) {
        int n = X.length;
        double loss = 0;
        double norm = 0;
        for (double[] row : W) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm);
        for (int c = 0; c < 3; c++) {
            for (int j = 0; j < 4; j++) {
                gradW[c][j] = L2 * W[c][j] / norm;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] z = new double[3];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                z[c] = B[c];
                for (int j = 0; j < 4; j++) {
                    z[c] += W[c][j] * X[i][j];
                }
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(z[c] - max);
            }
            loss -= z[Y[i]] - max - Math.log(sum);
            for (int c = 0; c < 3; c++) {
                double r = Math.exp(z[c] - max) / sum - (Y[i] == c ? 1 : 0);
                gradB[c] += r / n;
                for (int j = 0; j < 4; j++) {
                    gradW[c][j] += r * X[i][j] / n;
                }
            }
        }
        return loss / n + L2 * norm;
    }
}
