package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smile.classification.LogisticRegression;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.regression.ElasticNet;
import smile.regression.LinearModel;

/**
 * Independent cross-checks of the probe trainer against Smile 3.1.1: its L2 multinomial logistic regression
 * ({@link LogisticRegression#multinomial}) at λ1 = 0, and its elastic net ({@link ElasticNet}) for the regression
 * probe. Each pair of problems is made identical — same data, penalties mapped through the optimality conditions — so
 * the two optima must coincide; the tolerances state how far apart the solvers' own stopping rules and float32
 * arithmetic may leave them.
 *
 * <p><b>The penalty mapping.</b> Our objective is {@code (1/n)·Σ loss + λ1·Σ|W| + λ2·‖W‖_F} with the Frobenius norm
 * <em>not squared</em> (docs/solver.md). At its optimum W* (≠ 0) the gradient of {@code λ2·‖W‖_F} is
 * {@code (λ2/‖W*‖_F)·W*}, which is the gradient of {@code (μ/2)·‖W‖_F²} with {@code μ = λ2/‖W*‖_F}; both objectives are
 * convex, so W* is also the optimum of the squared-penalty problem with that μ. Smile sums the loss over the rows
 * instead of averaging it, so its penalty weights are n times ours: logistic regression minimises
 * {@code Σ CE + (λ/2)·Σ_c ‖w_c‖²}, hence {@code λ = n·λ2/‖W*‖_F}; the elastic net minimises
 * {@code Σ (y − ŷ)² + λ2'·‖γ‖² + λ1'·‖γ‖₁}, hence {@code λ1' = n·λ1} and {@code λ2' = n·λ2/(2‖W*‖)} (the factor 2
 * because our loss is the squared error without a ½).
 */
class SmileCrossCheckTest {
    @TempDir
    Path tmp;

    /**
     * Smile's multinomial model has k − 1 weight vectors, the last class fixed at 0, and penalises those k − 1 vectors;
     * ours has k vectors and penalises all of them. The two problems are the same when the last class's weights are 0
     * at our optimum, so the data are made symmetric: every row (x, C0) has a mirror (−x, C1), and every row (x, C2)
     * has a mirror (−x, C2). Our optimum is unique and the problem is invariant under x → −x with C0 ↔ C1, so
     * {@code W_C2 = 0} (and {@code W_C0 = −W_C1}); C2 is Smile's reference class (the last label).
     *
     * <p>Tolerance: 2·10⁻⁴ on every predicted probability and 1·10⁻³ on every weight. Our solver stops at a relative
     * pseudo-gradient norm of 3·10⁻⁵ (the float32 floor of its matrix products on this problem is about 10⁻⁵), and μ
     * inherits the same relative error through ‖W*‖ (a tighter threshold stops with "no progress" at 9·10⁻⁶); Smile's
     * L-BFGS runs to a gradient test of 10⁻⁹. Measured: 3.7·10⁻⁵ on the probabilities, 1.4·10⁻⁴ on the weights,
     * |W_C2| ≤ 2·10⁻⁵. Reading λ2 as the weight of a squared norm instead (λ = n·λ2) moves the probabilities by 0.067.
     */
    @Test
    void l2MultinomialLogisticRegressionMatchesSmile() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        int p = 5;
        List<float[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        double[] centre = {1.2, 0.6, -0.4, 0, 0};
        for (int i = 0; i < 150; i++) {
            float[] x = new float[p];
            for (int j = 0; j < p; j++) {
                x[j] = (float) (centre[j] + random.nextGaussian());
            }
            addMirrored(rows, labels, x, "C0", "C1");
        }
        for (int i = 0; i < 100; i++) {
            float[] x = new float[p];
            for (int j = 0; j < p; j++) {
                x[j] = (float) (0.7 * random.nextGaussian());
            }
            addMirrored(rows, labels, x, "C2", "C2");
        }
        int n = rows.size();
        double l2 = 0.02;
        LinearProbe probe = train(rows, labels, ProbeOptions.Task.CLASSIFICATION, 0, l2);
        List<String> order = probe.labels().labels();
        double norm = frobenius(probe.weights());
        int c2 = order.indexOf("C2");
        for (int j = 0; j < p; j++) {
            assertThat(probe.weights()[c2 * p + j]).as("W_C2 is 0 by symmetry").isCloseTo(0f, within(1e-4f));
        }

        double[][] x = toDouble(rows);
        int[] y = labels.stream().mapToInt(l -> Integer.parseInt(l.substring(1))).toArray();
        LogisticRegression.Multinomial smile = LogisticRegression.multinomial(x, y, n * l2 / norm, 1e-9, 5000);
        double[][] w = smile.coefficients(); // [k − 1][p + 1], the bias last; relative to C2
        for (String label : List.of("C0", "C1")) {
            int ours = order.indexOf(label);
            int theirs = Integer.parseInt(label.substring(1));
            for (int j = 0; j < p; j++) {
                assertThat(w[theirs][j]).as("%s weight %d", label, j)
                        .isCloseTo(probe.weights()[ours * p + j] - probe.weights()[c2 * p + j], within(1e-3));
            }
            assertThat(w[theirs][p]).as("%s bias", label)
                    .isCloseTo(probe.bias()[ours] - probe.bias()[c2], within(1e-3));
        }
        double worst = maxProbabilityGap(probe, x, smile);
        assertThat(worst).isLessThan(2e-4);

        // the mapping matters: reading λ2 as the weight of a squared norm (λ = n·λ2) gives another optimum
        LogisticRegression.Multinomial naive = LogisticRegression.multinomial(x, y, n * l2, 1e-9, 5000);
        assertThat(maxProbabilityGap(probe, x, naive)).isGreaterThan(20 * 2e-4);
    }

    /**
     * Smile's elastic net standardises each column internally ({@code (x − mean)/sd} with the population sd) and
     * penalises the standardised coefficients γ, then reports {@code β = γ/sd}; ours, without {@code --standardize},
     * penalises β on the raw columns. The problems are the same when every column already has mean 0 and population
     * sd 1, so the columns are standardised before they are stored (to float precision: the sds are 1 within 10⁻⁷,
     * which moves the optimum by less than the tolerance). Both intercepts are unpenalised.
     *
     * <p>Tolerance: 1·10⁻⁶ on every coefficient and the intercept, and our exact zeros are below 10⁻⁸ in Smile's answer
     * (an interior-point method never reaches exactly 0). Our solver runs here to a relative pseudo-gradient norm of
     * 10⁻⁶ (the regression objective gets there; stopped at 3·10⁻⁵ instead, coefficients differ by up to
     * 4.5·10⁻⁵), Smile's to a relative duality gap of 10⁻¹². Measured: 6.8·10⁻⁸ on the coefficients, 6.3·10⁻⁸ on the
     * intercept, 5·10⁻¹³ where ours is 0 — float32 resolution of the stored activations.
     */
    @Test
    void regressionProbeMatchesSmilesElasticNet() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int n = 400;
        int p = 6;
        double[][] raw = new double[n][p];
        for (double[] row : raw) {
            for (int j = 0; j < p; j++) {
                row[j] = random.nextGaussian() * (1 + j) + j;
            }
        }
        standardise(raw);
        double[] beta = {1.0, -0.5, 0.25, 0, 0, 0.1};
        List<float[]> rows = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (double[] row : raw) {
            float[] x = new float[p];
            double t = 3;
            for (int j = 0; j < p; j++) {
                x[j] = (float) row[j];
                t += beta[j] * x[j];
            }
            rows.add(x);
            targets.add(Float.toString((float) (t + 0.3 * random.nextGaussian())));
        }
        double l1 = 0.02;
        double l2 = 0.05;
        LinearProbe probe = train(rows, targets, ProbeOptions.Task.REGRESSION, l1, l2);
        double norm = frobenius(probe.weights());

        double[][] data = new double[n][p + 1];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                data[i][j] = rows.get(i)[j];
            }
            data[i][p] = Float.parseFloat(targets.get(i));
        }
        String[] names = {"x0", "x1", "x2", "x3", "x4", "x5", "y"};
        LinearModel smile = ElasticNet.fit(Formula.lhs("y"), DataFrame.of(data, names), n * l1, n * l2 / (2 * norm),
                1e-12, 1000);
        double[] coefficients = smile.coefficients();
        int zeros = 0;
        for (int j = 0; j < p; j++) {
            float ours = probe.weights()[j];
            assertThat(coefficients[j]).as("coefficient %d", j).isCloseTo(ours, within(1e-6));
            if (ours == 0) {
                zeros++;
                assertThat(Math.abs(coefficients[j])).as("coefficient %d is an exact zero of ours", j).isLessThan(1e-8);
            }
        }
        assertThat(zeros).as("the two noise columns are dropped at this λ1").isGreaterThanOrEqualTo(1);
        assertThat(smile.intercept()).isCloseTo(probe.bias()[0], within(1e-6));
    }

    private LinearProbe train(List<float[]> rows, List<String> labels, ProbeOptions.Task task, double l1, double l2)
            throws Exception {
        SyntheticStores.Data data = new SyntheticStores.Data(rows.toArray(float[][]::new), labels,
                labels.stream().map(l -> "w").toList());
        // the optimality threshold: classification's float32 floor here is about 10⁻⁵, regression reaches 10⁻⁶
        double tolerance = task == ProbeOptions.Task.REGRESSION ? 1e-6 : 3e-5;
        ProbeOptions options = new ProbeOptions(task, l1, l2, ProbeOptions.Solver.PROXIMAL_LBFGS, tolerance, 5000, 0,
                128, 0.001, 1, false, 1);
        try (ActivationStore store = ActivationStore.open(SyntheticStores.write(tmp.resolve(task.name()), data,
                StoreDtype.FLOAT32))) {
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(store, null, null), options);
            TrainingStatistics stats = ProbeTraining.statistics(splits, options);
            ElasticNetTrainer.Result trained = ProbeTraining.fit(splits, stats, Features.all(), options, null,
                    f -> { });
            assertThat(trained.convergence().converged()).as("%s", trained.convergence()).isTrue();
            return trained.probe();
        }
    }

    private static void addMirrored(List<float[]> rows, List<String> labels, float[] x, String label, String mirror) {
        float[] minus = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            minus[j] = -x[j];
        }
        rows.add(x);
        labels.add(label);
        rows.add(minus);
        labels.add(mirror);
    }

    /** The largest difference between our probabilities and Smile's over the rows and classes. */
    private static double maxProbabilityGap(LinearProbe probe, double[][] x, LogisticRegression.Multinomial smile) {
        int k = probe.outputs();
        int p = probe.width();
        List<String> order = probe.labels().labels();
        double worst = 0;
        double[] theirs = new double[k];
        for (double[] row : x) {
            smile.predict(row, theirs);
            double[] z = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                z[c] = probe.bias()[c];
                for (int j = 0; j < p; j++) {
                    z[c] += (double) probe.weights()[c * p + j] * row[j];
                }
                max = Math.max(max, z[c]);
            }
            double total = 0;
            for (int c = 0; c < k; c++) {
                z[c] = Math.exp(z[c] - max);
                total += z[c];
            }
            for (int c = 0; c < k; c++) {
                int smileClass = Integer.parseInt(order.get(c).substring(1));
                worst = Math.max(worst, Math.abs(z[c] / total - theirs[smileClass]));
            }
        }
        return worst;
    }

    private static double frobenius(float[] w) {
        double sq = 0;
        for (float v : w) {
            sq += (double) v * v;
        }
        return Math.sqrt(sq);
    }

    private static double[][] toDouble(List<float[]> rows) {
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[rows.get(i).length];
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = rows.get(i)[j];
            }
        }
        return x;
    }

    /** Each column to mean 0 and population sd 1 (the statistics Smile's elastic net standardises with). */
    private static void standardise(double[][] x) {
        int n = x.length;
        for (int j = 0; j < x[0].length; j++) {
            double mean = 0;
            for (double[] row : x) {
                mean += row[j] / n;
            }
            double var = 0;
            for (double[] row : x) {
                var += (row[j] - mean) * (row[j] - mean) / n;
            }
            double sd = Math.sqrt(var);
            for (double[] row : x) {
                row[j] = (row[j] - mean) / sd;
            }
        }
    }
}
