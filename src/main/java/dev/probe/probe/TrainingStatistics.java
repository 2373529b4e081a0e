package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.activations.store.NonFinite;

/**
 * Sufficient statistics of the training rows, from one pass over the store: what the solver needs to centre and
 * scale its parameters, and to know the optimality criterion's scale before it starts.
 *
 * @param rows number of training rows n
 * @param mean per-neuron mean {@code μ_j}
 * @param std per-neuron sample standard deviation (n − 1 in the denominator; 0 for a constant neuron)
 * @param weightTotals per output {@code Σ_i w_ic}: class counts (classification) or {@code Σ t_i} (regression)
 * @param crossSums per output and neuron {@code Σ_i w_ic·x_ij}, row-major {@code [outputs, neurons]}, where
 *     {@code w_ic} is the one-hot class indicator (classification) or the target {@code t_i} (regression)
 */
public record TrainingStatistics(long rows, double[] mean, double[] std, double[] weightTotals, double[] crossSums) {

    /** Number of neurons. */
    public int width() {
        return mean.length;
    }

    /** Number of outputs. */
    public int outputs() {
        return weightTotals.length;
    }

    /**
     * Computes the statistics of all blocks (in block order, so the result is the same bit for bit on every run):
     * per block, mean and centred sum of squares in double precision on this thread, combined by Chan et al.'s
     * pairwise update; the cross sums by a matrix product on the engine.
     *
     * @throws ProbeException naming the store file, row and neuron of the first NaN or infinite activation
     */
    static TrainingStatistics of(DesignBlocks blocks, int outputs, NDManager parent) throws ProbeException {
        int width = blocks.width();
        double[] mean = new double[width];
        double[] m2 = new double[width];
        double[] totals = new double[outputs];
        double[] cross = new double[outputs * width];
        long n = 0;
        for (int b = 0; b < blocks.count(); b++) {
            try (NDManager scope = parent.newSubManager()) {
                NDArray x = blocks.x(b, scope);
                float[] values = x.toFloatArray();
                int nb = blocks.size(b);
                double[] blockMean = new double[width];
                for (int i = 0; i < nb; i++) {
                    for (int j = 0; j < width; j++) {
                        blockMean[j] += values[i * width + j];
                    }
                }
                for (int j = 0; j < width; j++) {
                    blockMean[j] /= nb;
                }
                if (!allFinite(blockMean)) {
                    ProbeData d = blocks.data();
                    NonFinite.requireFinite(d.matrix(), d.rows(), blocks.from(b), nb, blocks.neurons());
                }
                double[] blockM2 = new double[width];
                for (int i = 0; i < nb; i++) {
                    for (int j = 0; j < width; j++) {
                        double dv = values[i * width + j] - blockMean[j];
                        blockM2[j] += dv * dv;
                    }
                }
                long total = n + nb;
                for (int j = 0; j < width; j++) {
                    double delta = blockMean[j] - mean[j];
                    mean[j] += delta * nb / total;
                    m2[j] += blockM2[j] + delta * delta * ((double) n * nb / total);
                }
                n = total;
                NDArray y = blocks.y(b, outputs);
                float[] yv = y.toFloatArray();
                for (int i = 0; i < nb; i++) {
                    for (int c = 0; c < outputs; c++) {
                        totals[c] += yv[i * outputs + c];
                    }
                }
                float[] yx = y.transpose().matMul(x).toFloatArray();
                for (int k = 0; k < cross.length; k++) {
                    cross[k] += yx[k];
                }
            }
        }
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            std[j] = n > 1 ? Math.sqrt(m2[j] / (n - 1)) : 0;
        }
        return new TrainingStatistics(n, mean, std, totals, cross);
    }

    /** The statistics of a subset of the neurons, in the order given. */
    public TrainingStatistics restrict(int[] neurons) {
        if (neurons == null) {
            return this;
        }
        int width = width();
        double[] m = new double[neurons.length];
        double[] s = new double[neurons.length];
        double[] cross = new double[outputs() * neurons.length];
        for (int j = 0; j < neurons.length; j++) {
            m[j] = mean[neurons[j]];
            s[j] = std[neurons[j]];
            for (int c = 0; c < outputs(); c++) {
                cross[c * neurons.length + j] = crossSums[c * width + neurons[j]];
            }
        }
        return new TrainingStatistics(rows, m, s, weightTotals, cross);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
