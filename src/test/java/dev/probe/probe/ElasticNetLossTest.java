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

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.probe.activations.store.ActivationStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elastic-net objective of {@link AdamSchedule} against a hand computation in plain double arithmetic, on a
 * toy problem of 3 classes × 4 neurons and 5 rows:
 *
 * <pre>
 * loss   = −(1/n)·Σ_i log softmax(W·x_i + b)[y_i] + λ1·Σ|W| + λ2·‖W‖_F
 * ∂loss/∂W = (P − Y)ᵀ·X / n + λ1·sign(W) + λ2·W / ‖W‖_F      (P = softmax scores, Y = one-hot targets)
 * ∂loss/∂b = column mean of (P − Y)                            (the bias is not penalised)
 * </pre>
 */
class ElasticNetLossTest {
    private static final double TOLERANCE = 1e-5;

    @Test
    void crossEntropyEqualsTheHandComputedMean() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray scores = m.create(flat(scores(X, W, B)), new Shape(X.length, 3));
            double engine = AdamSchedule.crossEntropy(scores, classes(m), 3).getFloat();
            assertThat(engine).isCloseTo(crossEntropy(X, W, B), within(TOLERANCE));
        }
    }

    @Test
    void penaltyIsL1PlusUnsquaredFrobeniusNorm() {
        double abs = 0;
        double squares = 0;
        for (double[] row : W) {
            for (double v : row) {
                abs += Math.abs(v);
                squares += v * v;
            }
        }
        // Σ|W| = 2.45 and ‖W‖_F = √0.6525 for the literal W above
        assertThat(abs).isCloseTo(2.45, within(1e-12));
        assertThat(squares).isCloseTo(0.6525, within(1e-12));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(flat(W), new Shape(3, 4));
            assertThat((double) AdamSchedule.penalty(w, L1, L2).getFloat())
                    .isCloseTo(L1 * abs + L2 * Math.sqrt(squares), within(TOLERANCE));
            assertThat((double) AdamSchedule.penalty(w, L1, 0).getFloat()).isCloseTo(L1 * abs, within(TOLERANCE));
            assertThat((double) AdamSchedule.penalty(w, 0, L2).getFloat())
                    .isCloseTo(L2 * Math.sqrt(squares), within(TOLERANCE));
            assertThat(AdamSchedule.penalty(w, 0, 0).getFloat()).isZero();
        }
    }

    @Test
    void gradientOfTheWholeLossEqualsTheHandComputedGradient() {
        double[][] gradW = new double[3][4];
        double[] gradB = new double[3];
        handGradient(X, Y, W, B, L1, L2, gradW, gradB);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(flat(X), new Shape(X.length, 4));
            NDArray w = m.create(flat(W), new Shape(3, 4));
            NDArray b = m.create(toFloat(B), new Shape(3));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray scores = x.matMul(w.transpose()).add(b);
                loss = AdamSchedule.crossEntropy(scores, classes(m), 3).add(AdamSchedule.penalty(w, L1, L2));
                collector.backward(loss);
            }
            assertThat((double) loss.getFloat()).isCloseTo(crossEntropy(X, W, B) + L1 * 2.45 + L2 * Math.sqrt(0.6525),
                    within(TOLERANCE));
            float[] engineW = w.getGradient().toFloatArray();
            float[] engineB = b.getGradient().toFloatArray();
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 4; j++) {
                    assertThat((double) engineW[c * 4 + j]).as("dL/dW[%d][%d]", c, j)
                            .isCloseTo(gradW[c][j], within(TOLERANCE));
                }
                assertThat((double) engineB[c]).as("dL/db[%d]", c).isCloseTo(gradB[c], within(TOLERANCE));
            }
        }
    }

    @Test
    void squaredErrorAndItsGradientMatchTheHandComputation() {
        // one output: s_i = w·x_i + b; loss = mean (s_i − t_i)²; dL/dw = (2/n)·Σ (s_i − t_i)·x_i
        double[] w = W[0];
        double b = B[0];
        double[] t = {1.0, -0.5, 0.25, 2.0, 0.0};
        double loss = 0;
        double[] grad = new double[4];
        for (int i = 0; i < X.length; i++) {
            double r = dot(w, X[i]) + b - t[i];
            loss += r * r / X.length;
            for (int j = 0; j < 4; j++) {
                grad[j] += 2 * r * X[i][j] / X.length;
            }
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(flat(X), new Shape(X.length, 4));
            NDArray wa = m.create(toFloat(w), new Shape(1, 4));
            wa.setRequiresGradient(true);
            NDArray out;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                out = AdamSchedule.squaredError(x.matMul(wa.transpose()).add((float) b), m.create(toFloat(t)));
                collector.backward(out);
            }
            assertThat((double) out.getFloat()).isCloseTo(loss, within(TOLERANCE));
            float[] g = wa.getGradient().toFloatArray();
            for (int j = 0; j < 4; j++) {
                assertThat((double) g[j]).isCloseTo(grad[j], within(TOLERANCE));
            }
        }
    }

    /**
     * Adam's first step is {@code p −= lr · m̂ / (√v̂ + ε)} with {@code m̂ = g} and {@code v̂ = g²}, so every parameter
     * moves by {@code lr · sign(g)} (up to ε). Two one-step runs from the same seed with learning rates 0.01 and 0.03
     * must therefore differ by exactly ±0.02 in every entry; the sign gives the direction of the step, from which the
     * start point is recovered and the gradient there computed by hand: the step must go against it.
     */
    @Test
    void firstAdamStepMovesEveryParameterByLearningRateAgainstTheGradient(@TempDir Path tmp) throws Exception {
        try (ActivationStore store = ToyProblem.store(tmp)) {
            ProbeData train = new ProbeData("train", store.matrix(), new long[] {0, 1, 2, 3, 4}, Y.clone(), null);
            LabelIndex index = LabelIndex.fromTraining(store.labels(null), 1);
            assertThat(index.labels()).containsExactly("a", "b", "c");
            LinearProbe slow = oneStep(train, index, 0.01);
            LinearProbe fast = oneStep(train, index, 0.03);
            double[][] start = new double[3][4];
            double[] startB = new double[3];
            int[][] direction = new int[3][4];
            int[] directionB = new int[3];
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 4; j++) {
                    double d = (slow.weights()[c * 4 + j] - fast.weights()[c * 4 + j]) / 0.02;
                    assertThat(Math.abs(d)).as("|Δ| / 0.02 of W[%d][%d]", c, j).isCloseTo(1.0, within(1e-4));
                    direction[c][j] = (int) Math.signum(d);
                    start[c][j] = slow.weights()[c * 4 + j] + 0.01 * direction[c][j];
                }
                double d = (slow.bias()[c] - fast.bias()[c]) / 0.02;
                assertThat(Math.abs(d)).as("|Δ| / 0.02 of b[%d]", c).isCloseTo(1.0, within(1e-4));
                directionB[c] = (int) Math.signum(d);
                startB[c] = slow.bias()[c] + 0.01 * directionB[c];
            }
            // the step from the start point goes against the hand-computed gradient there: w1 = w0 − lr·sign(g)
            double[][] gradW = new double[3][4];
            double[] gradB = new double[3];
            handGradient(X, Y, start, startB, L1, L2, gradW, gradB);
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 4; j++) {
                    assertThat(Math.abs(gradW[c][j])).isGreaterThan(1e-4);
                    assertThat(direction[c][j]).as("sign of dL/dW[%d][%d]", c, j).isEqualTo((int) Math.signum(gradW[c][j]));
                }
                assertThat(Math.abs(gradB[c])).isGreaterThan(1e-4);
                assertThat(directionB[c]).as("sign of dL/db[%d]", c).isEqualTo((int) Math.signum(gradB[c]));
            }
        }
    }

    /**
     * Three full-batch steps against a double-precision simulation of PyTorch's Adam (β1 = 0.9, β2 = 0.999, ε = 1e-8)
     * from the start point recovered as above. Later steps mix earlier gradients into the moments, so this also checks
     * that the engine clears each step's gradient instead of accumulating it (PyTorch's default).
     */
    @Test
    void threeAdamStepsMatchADoublePrecisionSimulation(@TempDir Path tmp) throws Exception {
        try (ActivationStore store = ToyProblem.store(tmp)) {
            ProbeData train = new ProbeData("train", store.matrix(), new long[] {0, 1, 2, 3, 4}, Y.clone(), null);
            LabelIndex index = LabelIndex.fromTraining(store.labels(null), 1);
            assertThat(index.labels()).containsExactly("a", "b", "c");
            LinearProbe slow = oneStep(train, index, 0.01);
            LinearProbe fast = oneStep(train, index, 0.03);
            // parameters as one vector: W row-major, then b
            double[] p = new double[15];
            for (int i = 0; i < 15; i++) {
                float s = i < 12 ? slow.weights()[i] : slow.bias()[i - 12];
                float f = i < 12 ? fast.weights()[i] : fast.bias()[i - 12];
                p[i] = s + 0.01 * Math.signum(s - f);
            }
            double lr = 0.01;
            double[] m = new double[15];
            double[] v = new double[15];
            for (int t = 1; t <= 3; t++) {
                double[][] w = new double[3][4];
                double[] b = new double[3];
                for (int c = 0; c < 3; c++) {
                    System.arraycopy(p, c * 4, w[c], 0, 4);
                    b[c] = p[12 + c];
                }
                double[][] gradW = new double[3][4];
                double[] gradB = new double[3];
                handGradient(X, Y, w, b, L1, L2, gradW, gradB);
                for (int i = 0; i < 15; i++) {
                    double g = i < 12 ? gradW[i / 4][i % 4] : gradB[i - 12];
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    double mHat = m[i] / (1 - Math.pow(0.9, t));
                    double vHat = v[i] / (1 - Math.pow(0.999, t));
                    p[i] -= lr * mHat / (Math.sqrt(vHat) + 1e-8);
                }
            }
            LinearProbe three = AdamSchedule.fit(train, Features.all(), index, adam(3, lr), e -> { }).probe();
            for (int i = 0; i < 15; i++) {
                double engine = i < 12 ? three.weights()[i] : three.bias()[i - 12];
                assertThat(engine).as("parameter %d after 3 steps", i).isCloseTo(p[i], within(TOLERANCE));
            }
        }
    }

    private static LinearProbe oneStep(ProbeData train, LabelIndex index, double lr) {
        return AdamSchedule.fit(train, Features.all(), index, adam(1, lr), e -> { }).probe();
    }

    /** Full-batch Adam for {@code epochs} steps. */
    private static ProbeOptions adam(int epochs, double lr) {
        return new ProbeOptions(ProbeOptions.Task.CLASSIFICATION, L1, L2, ProbeOptions.Solver.ADAM, 1e-4, 100, epochs,
                X.length, lr, 7, false, 1);
    }

    /** Mean cross-entropy of softmax(W·x + b), in double. */
    private static double crossEntropy(double[][] x, double[][] w, double[] b) {
        double[][] p = softmax(scores(x, w, b));
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum -= Math.log(p[i][Y[i]]);
        }
        return sum / x.length;
    }

    /** The gradient of mean cross-entropy + λ1·Σ|W| + λ2·‖W‖_F, in double. */
    private static void handGradient(double[][] x, int[] y, double[][] w, double[] b, double l1, double l2,
            double[][] gradW, double[] gradB) {
        int n = x.length;
        int k = w.length;
        double[][] p = softmax(scores(x, w, b));
        double norm = 0;
        for (double[] row : w) {
            for (double v : row) {
                norm += v * v;
            }
        }
        norm = Math.sqrt(norm);
        for (int c = 0; c < k; c++) {
            gradB[c] = 0;
            for (int j = 0; j < w[0].length; j++) {
                gradW[c][j] = l1 * Math.signum(w[c][j]) + l2 * w[c][j] / norm;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double residual = p[i][c] - (y[i] == c ? 1 : 0);
                gradB[c] += residual / n;
                for (int j = 0; j < w[0].length; j++) {
                    gradW[c][j] += residual * x[i][j] / n;
                }
            }
        }
    }

    private static double[][] scores(double[][] x, double[][] w, double[] b) {
        double[][] s = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < w.length; c++) {
                s[i][c] = dot(w[c], x[i]) + b[c];
            }
        }
        return s;
    }

    private static double[][] softmax(double[][] s) {
        double[][] p = new double[s.length][];
        for (int i = 0; i < s.length; i++) {
            double max = java.util.Arrays.stream(s[i]).max().orElseThrow();
            double sum = 0;
            p[i] = new double[s[i].length];
            for (int c = 0; c < s[i].length; c++) {
                p[i][c] = Math.exp(s[i][c] - max);
                sum += p[i][c];
            }
            for (int c = 0; c < s[i].length; c++) {
                p[i][c] /= sum;
            }
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static NDArray classes(NDManager m) {
        float[] y = new float[Y.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Y[i];
        }
        return m.create(y);
    }
}
