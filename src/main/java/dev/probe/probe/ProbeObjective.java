package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.model.Aligned;
import dev.probe.probe.solver.Subgradients;
import dev.probe.probe.solver.Curvature;
import dev.probe.probe.solver.SmoothFunction;
import java.util.List;

/**
 * The smooth part of the elastic-net probe objective, evaluated in full passes over the training blocks on the PyTorch
 * engine, in a centred and scaled parametrisation that leaves the objective unchanged.
 *
 * <p><b>Objective.</b> {@code F(W, b) = data_loss(W, b) + λ1·Σ_cj |W_cj| + λ2·‖W‖_F} over {@code outputs × width}
 * weights W and an unpenalised bias b, where data_loss is the mean cross-entropy of {@code softmax(W·φ(x) + b)}
 * (classification) or the mean squared error of {@code W·φ(x) + b} (regression) over the n training rows, and
 * {@code φ(x) = x} or, with {@code --standardize}, {@code (x − μ)/σ}.
 *
 * <p><b>Parametrisation.</b> The solver works on {@code V_cj = W_cj / κ_j} and {@code b'}, where the model is
 * {@code z = Σ_j V_cj·(x_j − μ_j)/s_j + b'} with the training mean μ and standard deviation s of each neuron (s = 1 for
 * a constant one); {@code κ_j = 1/s_j} on raw activations and 1 on standardised ones. This is the same model and the
 * same objective (the unpenalised bias absorbs the centring); it only makes the problem far better conditioned for the quasi-Newton solver. The L1 weight of {@code V_cj} is {@code λ1·κ_j}; the Frobenius term
 * is {@code λ2·sqrt(Σ κ_j²·V_cj²)}, whose gradient is taken as 0 at W = 0 (a valid subgradient).
 *
 * <p>Parameters are laid out as {@code [V (outputs × width, row-major), b' (outputs)]}. Each pass computes, block by
 * block, the scores {@code X·W_rawᵀ + b_raw} (a float32 matrix product on the engine, the store's precision), the loss
 * and the residuals {@code R = softmax − onehot} (or {@code 2·(z − t)}) in double precision on the Java side (with
 * {@link StrictMath}, so they do not depend on the engine's threads or the machine), and {@code Rᵀ·X} (float32 on
 * the engine); sums over blocks are in double precision, in block order.
 */
final class ProbeObjective implements SmoothFunction {
    private final DesignBlocks blocks;
    private final boolean classification;
    private final int outputs;
    private final int width;
    private final long n;
    private final double[] mean;
    private final double[] scale;
    private final double[] kappa;
    private final double l2;
    private final NDManager parent;
    private final double[] variance;
    private double[] lastQ;
    private float[] lastWeights;
    private double[] lastX;
    private double[] lastGradient;
    private double lastValue;

    /**
     * @param blocks the training rows
     * @param stats their statistics, restricted to the probe's neurons
     * @param kappa the penalty scale per neuron (see the class comment)
     */
    ProbeObjective(NDManager parent, DesignBlocks blocks, TrainingStatistics stats, boolean classification,
            double[] kappa, double l2) {
        this.parent = parent;
        this.blocks = blocks;
        this.classification = classification;
        this.outputs = stats.outputs();
        this.width = stats.width();
        this.n = stats.rows();
        this.mean = stats.mean();
        this.scale = scales(stats);
        this.kappa = kappa;
        this.l2 = l2;
        this.variance = new double[width];
        for (int j = 0; j < width; j++) {
            double r = stats.std()[j] / scale[j];
            variance[j] = r * r;
        }
    }

    /**
     * The internal scale {@code s_j}: the neuron's standard deviation, but at least {@code 10⁻³·σ̄} (σ̄ the root mean
     * square of all standard deviations, or 1 when every neuron is constant). Any positive scale gives the same
     * objective; the floor keeps (nearly) dead neurons, whose standard deviation can be 10⁻⁹ or 10⁻³², from making the
     * problem ill-conditioned.
     */
    static double[] scales(TrainingStatistics stats) {
        double[] std = stats.std();
        double sq = 0;
        for (double sd : std) {
            sq += sd * sd;
        }
        double rms = std.length == 0 ? 0 : Math.sqrt(sq / std.length);
        double floor = rms > 0 ? 1e-3 * rms : 1;
        double[] s = new double[std.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.max(std[j], floor);
        }
        return s;
    }

    /** The matrix columns the objective reads, or null for all. */
    int[] neurons() {
        return blocks.neurons();
    }

    @Override
    public int dimension() {
        return outputs * width + outputs;
    }

    /**
     * The objective at the origin (all weights and biases 0) without a pass where it is known: {@code log(outputs)}
     * for classification (every row's scores are 0), else one evaluation.
     */
    double valueAtOrigin() {
        if (classification) {
            return Math.log(outputs);
        }
        double[] zero = new double[dimension()];
        return evaluate(zero, new double[zero.length]);
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
        if (lastX != null && java.util.Arrays.equals(x, lastX)) {
            System.arraycopy(lastGradient, 0, gradient, 0, gradient.length);
            return lastValue;
        }
        double value = pass(x, gradient);
        lastX = x.clone();
        lastGradient = gradient.clone();
        lastValue = value;
        return value;
    }

    private double pass(double[] x, double[] gradient) {
        float[] w = new float[outputs * width];
        float[] b = new float[outputs];
        rawWeights(x, w, b);
        double[] a = new double[outputs * width];
        double[] r = new double[outputs];
        double[] q = new double[outputs];
        double loss = 0;
        float[] curvatureWeights = classification ? new float[blocks.data().size() * outputs] : null;
        try (NDManager scope = parent.newSubManager()) {
            NDArray weights = Aligned.copy(scope.create(w, new Shape(outputs, width)));
            NDArray bias = Aligned.copy(scope.create(b, new Shape(outputs)));
            for (int k = 0; k < blocks.count(); k++) {
                try (NDManager blockScope = scope.newSubManager()) {
                    NDArray input = blocks.x(k, blockScope);
                    float[] z = input.getNDArrayInternal().linear(input, weights, bias).singletonOrThrow()
                            .toFloatArray();
                    float[] residual = new float[z.length];
                    loss += residuals(k, z, residual, r, q, curvatureWeights);
                    NDArray rt = Aligned.copy(blockScope.create(residual, new Shape(z.length / outputs, outputs)));
                    float[] ra = rt.transpose().matMul(input).toFloatArray();
                    for (int i = 0; i < a.length; i++) {
                        a[i] += ra[i];
                    }
                }
            }
        }
        for (int c = 0; c < outputs; c++) {
            for (int j = 0; j < width; j++) {
                int i = c * width + j;
                gradient[i] = (a[i] - r[c] * mean[j]) / (n * scale[j]);
            }
            gradient[outputs * width + c] = r[c] / n;
        }
        lastQ = q;
        lastWeights = curvatureWeights;
        return loss / n + frobenius(x, gradient);
    }

    /**
     * The parameters {@code x} as the raw weights and bias the engine multiplies with, and the centring and scaling.
     *
     * @param outputs number of outputs
     * @param width number of neurons
     * @param rawWeights {@code W_raw = V/s}, row-major {@code [outputs, width]}
     * @param rawBias {@code b_raw}
     * @param mean the neurons' training means
     * @param scale the internal scales {@code s_j}
     */
    record Parameters(int outputs, int width, float[] rawWeights, float[] rawBias, double[] mean, double[] scale) {
    }

    /** {@code x} as {@link Parameters}. */
    Parameters at(double[] x) {
        float[] w = new float[outputs * width];
        float[] b = new float[outputs];
        rawWeights(x, w, b);
        return new Parameters(outputs, width, w, b, mean, scale);
    }

    /**
     * The curvature model at {@code x}: the exact per-class Hessian blocks on the working
     * set ({@link ClassBlocks}, one more pass) when they are affordable, else the diagonal of {@link #diagonal}.
     */
    @Override
    public Curvature curvature(double[] x, int[] working) {
        if (!java.util.Arrays.equals(x, lastX)) {
            evaluate(x, new double[x.length]); // the weights p(1 − p) must be those at x
        }
        double[] diagonal = diagonal(x, lastQ);
        if (!classification) {
            return new Curvature(diagonal, List.of());
        }
        Curvature blocks = ClassBlocks.of(parent, this.blocks, at(x), lastWeights, working, diagonal,
                frobeniusCurvature(x));
        return blocks != null ? blocks : new Curvature(diagonal, List.of());
    }

    /** ‖W‖_F's curvature per neuron, {@code λ2·κ_j²/‖W‖_F} (its rank-one part left out), or 0 at W = 0. */
    private double[] frobeniusCurvature(double[] x) {
        double norm = rawNorm(x);
        double[] out = new double[width];
        for (int j = 0; j < width; j++) {
            out[j] = norm > 0 ? l2 * kappa[j] * kappa[j] / norm : 0;
        }
        return out;
    }

    /**
     * The estimated Hessian diagonal at the point just evaluated: {@code h_c·Var(x̃_j)} for the weights of output c,
     * with {@code h_c = mean_i p_ic(1 − p_ic)} (classification; the softmax's own curvature, which differs by orders
     * of magnitude between frequent and rare classes) or 2 (squared error), plus ‖W‖_F's curvature
     * {@code λ2·κ_j²/‖W‖_F}; {@code h_c} for the bias.
     */
    private double[] diagonal(double[] x, double[] q) {
        double[] frobenius = frobeniusCurvature(x);
        double[] out = new double[dimension()];
        for (int c = 0; c < outputs; c++) {
            double h = classification ? q[c] / n : 2;
            h = Math.max(h, 1e-12);
            for (int j = 0; j < width; j++) {
                double frob = frobenius[j];
                // a (nearly) dead neuron still gets a thousandth of a live neuron's curvature: its gradient is round-off
                out[c * width + j] = h * Math.max(variance[j], 1e-3) + frob;
            }
            out[outputs * width + c] = h;
        }
        return out;
    }

    /**
     * The data loss of one block's scores and its residuals {@code ∂loss/∂z} (before the 1/n), in double precision on
     * this thread: {@code softmax(z) − onehot} (classification) or {@code 2·(z − t)} (regression). Adds the residuals'
     * column sums to {@code r} and {@code Σ p(1 − p)} per class to {@code q}, and keeps each {@code p(1 − p)} in
     * {@code weights} (row-major over all training rows) for the curvature model.
     *
     * @param z the scores {@code [rows, outputs]}, row-major
     * @param residual receives the residuals, rounded to float for the gradient's matrix product
     * @return the block's summed loss
     */
    private double residuals(int block, float[] z, float[] residual, double[] r, double[] q, float[] weights) {
        ProbeData data = blocks.data();
        int from = blocks.from(block);
        int rows = z.length / outputs;
        double loss = 0;
        double[] p = new double[outputs];
        for (int i = 0; i < rows; i++) {
            int o = i * outputs;
            if (classification) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < outputs; c++) {
                    max = Math.max(max, z[o + c]);
                }
                double sum = 0;
                for (int c = 0; c < outputs; c++) {
                    p[c] = StrictMath.exp(z[o + c] - max);
                    sum += p[c];
                }
                int y = data.classes()[from + i];
                loss += max + StrictMath.log(sum) - z[o + y];
                for (int c = 0; c < outputs; c++) {
                    double pc = p[c] / sum;
                    double rc = pc - (c == y ? 1 : 0);
                    residual[o + c] = (float) rc;
                    r[c] += rc;
                    q[c] += pc * (1 - pc);
                    weights[(from + i) * outputs + c] = (float) (pc * (1 - pc));
                }
            } else {
                double diff = z[o] - data.targets()[from + i];
                loss += diff * diff;
                residual[o] = (float) (2 * diff);
                r[0] += 2 * diff;
            }
        }
        return loss;
    }

    /** ‖W‖_F of the raw weights, {@code sqrt(Σ κ_j²·V_cj²)}. */
    private double rawNorm(double[] x) {
        double sq = 0;
        for (int c = 0; c < outputs; c++) {
            for (int j = 0; j < width; j++) {
                double v = kappa[j] * x[c * width + j];
                sq += v * v;
            }
        }
        return Math.sqrt(sq);
    }

    /** Adds λ2·‖W‖_F's gradient to {@code gradient} and returns its value. */
    private double frobenius(double[] x, double[] gradient) {
        if (l2 == 0) {
            return 0;
        }
        double norm = rawNorm(x);
        if (norm > 0) {
            for (int c = 0; c < outputs; c++) {
                for (int j = 0; j < width; j++) {
                    gradient[c * width + j] += l2 * kappa[j] * kappa[j] * x[c * width + j] / norm;
                }
            }
        }
        return l2 * norm;
    }

    /**
     * The weights and bias on raw activations: {@code W_raw = V/s}, {@code b_raw = b' − W_raw·μ}.
     */
    void rawWeights(double[] x, float[] w, float[] b) {
        for (int c = 0; c < outputs; c++) {
            double bias = x[outputs * width + c];
            for (int j = 0; j < width; j++) {
                double raw = x[c * width + j] / scale[j];
                w[c * width + j] = (float) raw;
                bias -= raw * mean[j];
            }
            b[c] = (float) bias;
        }
    }

    /** The L1 weight of each parameter: {@code λ1·κ_j} for the weights, 0 for the bias. */
    double[] l1Weights(double l1) {
        double[] out = new double[dimension()];
        for (int c = 0; c < outputs; c++) {
            for (int j = 0; j < width; j++) {
                out[c * width + j] = l1 * kappa[j];
            }
        }
        return out;
    }

    /**
     * {@code ‖◇F(0)‖₂}, the pseudo-gradient norm at V = 0, b' = 0, from the statistics alone: there the scores are 0,
     * so the residual is {@code 1/C − onehot} (classification) or {@code −2t} (regression).
     */
    double referenceNorm(TrainingStatistics stats, double l1) {
        double[] g = new double[dimension()];
        double[] totals = stats.weightTotals();
        for (int c = 0; c < outputs; c++) {
            double factor = classification ? -1 : -2;
            for (int j = 0; j < width; j++) {
                g[c * width + j] = factor * (stats.crossSums()[c * width + j] - totals[c] * mean[j]) / (n * scale[j]);
            }
            g[outputs * width + c] = classification ? 1.0 / outputs - totals[c] / n : -2 * totals[c] / n;
        }
        return Subgradients.pseudoGradientNorm(new double[g.length], g, l1Weights(l1));
    }

    /** The solver's parameters for a probe with raw weights {@code w} and bias {@code b} (a warm start). */
    double[] parameters(float[] w, float[] b) {
        double[] x = new double[dimension()];
        for (int c = 0; c < outputs; c++) {
            double bias = b[c];
            for (int j = 0; j < width; j++) {
                double raw = w[c * width + j];
                x[c * width + j] = raw * scale[j];
                bias += raw * mean[j];
            }
            x[outputs * width + c] = bias;
        }
        return x;
    }
}
