package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.solver.L1Minimizer;
import dev.probe.probe.solver.OwlQn;
import dev.probe.probe.solver.Subgradients;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's probe is the optimum of the elastic-net objective: on a small multinomial problem with overlapping
 * classes, the production solver (proximal L-BFGS on the per-class curvature blocks) and an independent one (OWL-QN,
 * test code) reach the same weights and the same exact zeros, and the returned probe satisfies the optimality
 * conditions when checked from scratch. The threshold, 3·10⁻⁵, is above the floor float32 arithmetic leaves on this
 * problem (about 1.2·10⁻⁵ when the gradient's product sums all 600 rows in float32, as the solver's 4,096-row blocks
 * do; below it the line search sees only rounding).
 */
class TrainerOptimumTest {
    @TempDir
    Path tmp;

    @Test
    void trainerAndAnIndependentSolverReachTheSameOptimumWithTheSameZeros() throws Exception {
        SyntheticStores.Data data = SyntheticStores.blobs(600, 12, 4, 1.0, 13);
        ProbeOptions options = new ProbeOptions(ProbeOptions.Task.CLASSIFICATION, 0.02, 0.001,
                ProbeOptions.Solver.PROXIMAL_LBFGS, 3e-5, 2000, 0, 128, 0.001, 1, false, 1);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve("s"), data,
                StoreDtype.FLOAT32)); NDManager m = NDManager.newBaseManager("PyTorch")) {
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), options);
            TrainingStatistics stats = ProbeTraining.statistics(splits, options);
            ElasticNetTrainer.Result trained = ProbeTraining.fit(splits, stats, Features.all(), options, null, f -> { });
            assertThat(trained.convergence().converged()).as("%s", trained.convergence()).isTrue();
            float[] w = trained.probe().weights();
            try (DesignBlocks blocks = new DesignBlocks(m, splits.train(), null, 128)) {
                double[] scale = ProbeObjective.scales(stats);
                double[] kappa = new double[scale.length];
                for (int j = 0; j < kappa.length; j++) {
                    kappa[j] = 1 / scale[j];
                }
                ProbeObjective objective = new ProbeObjective(m, blocks, stats, true, kappa, options.l2());
                double[] l1 = objective.l1Weights(options.l1());
                double reference = objective.referenceNorm(stats, options.l1());
                L1Minimizer.Result independent = new OwlQn(10).minimize(objective, l1, new double[objective.dimension()],
                        reference, new L1Minimizer.Settings(1e-5, 20_000, 100_000), (i, v, c) -> { });
                assertThat(independent.convergence().converged()).as("%s", independent.convergence()).isTrue();
                float[] expected = new float[w.length];
                objective.rawWeights(independent.x(), expected, new float[4]);
                int zeros = 0;
                for (int i = 0; i < w.length; i++) {
                    assertThat(w[i]).as("weight %d", i).isCloseTo(expected[i], within(2e-3f));
                    assertThat(w[i] == 0).as("weight %d is zero in one solution only", i).isEqualTo(expected[i] == 0);
                    zeros += w[i] == 0 ? 1 : 0;
                }
                assertThat(zeros).as("exact zeros: the 8 noise neurons carry nothing at this λ1").isGreaterThan(16);
                // and checked from scratch: the pseudo-gradient at the returned probe meets the threshold
                double[] x = objective.parameters(w, trained.probe().bias());
                double[] g = new double[x.length];
                objective.evaluate(x, g);
                assertThat(Subgradients.pseudoGradientNorm(x, g, l1) / reference).isLessThan(6e-5);
            }
        }
    }
}
