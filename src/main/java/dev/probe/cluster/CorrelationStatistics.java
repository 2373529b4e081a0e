package dev.probe.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Mergeable sufficient statistics of the Pearson correlations between D neurons: the row count n, the per-neuron sums
 * {@code s_j = Σ_i (x_ij − a_j)} and the Gram matrix of cross-products {@code G_jk = Σ_i (x_ij − a_j)(x_ik − a_k)},
 * all in double precision, taken about a fixed per-neuron shift {@code a} (the mean of the first block, rounded to
 * float). The correlation does not depend on the shift:
 *
 * <pre>
 *   r_jk = (G_jk − s_j·s_k/n) / sqrt((G_jj − s_j²/n)·(G_kk − s_k²/n))
 * </pre>
 *
 * and 0 when either neuron is constant (its centred sum of squares is 0), as NeuroX's {@code np.nan_to_num} makes it.
 * The shift is there for accuracy: hidden states have neurons whose mean is many standard deviations from 0, and the
 * one-pass formula on raw values would lose {@code log10((mean/sd)²)} digits to cancellation.
 *
 * <p>The statistics of disjoint row sets add up ({@link #merge}; statistics about another shift are first moved to this
 * one: {@code s' = s + nδ}, {@code G' = G + δsᵀ + sδᵀ + nδδᵀ} with {@code δ = a_other − a_this}), so shards can be
 * combined without reading the activations again. {@link #ofRows} computes a block's statistics; {@link Accumulator}
 * streams a matrix through blocks of at most {@link #BLOCK_ROWS} rows and adds each block's statistics to the total
 * (blocked summation: every sum has at most {@code BLOCK_ROWS} terms per block plus one term per block).
 *
 * <p>Layout: {@code gram} is the upper triangle, row-major and packed: row j holds {@code G_jj … G_j,D−1} from offset
 * {@link #offset(int, int) offset(D, j)}; its length is {@code D(D+1)/2} (3.6 million doubles, 29 MB, for D = 2,688).
 *
 * @param count n, the rows seen
 * @param shift {@code [D]} the per-neuron shift a the sums are taken about
 * @param sum {@code [D]} per-neuron sums of {@code x − a}
 * @param gram {@code [D(D+1)/2]} packed upper triangle of the Gram matrix of {@code x − a}
 */
public record CorrelationStatistics(long count, double[] shift, double[] sum, double[] gram) {
    /** Rows per block of {@link Accumulator}. */
    public static final int BLOCK_ROWS = 256;

    /** Checks the shapes. */
    public CorrelationStatistics {
        if (count < 0) {
            throw new IllegalArgumentException("count must be ≥ 0, found " + count);
        }
        if (shift.length != sum.length) {
            throw new IllegalArgumentException("shift and sum must have one value per neuron, found " + shift.length
                    + " and " + sum.length);
        }
        if (gram.length != packedLength(sum.length)) {
            throw new IllegalArgumentException("gram must hold " + packedLength(sum.length) + " values for "
                    + sum.length + " neurons, found " + gram.length);
        }
    }

    /** The statistics of no rows over {@code width} neurons, about the shift 0. */
    public static CorrelationStatistics empty(int width) {
        if (width < 1 || packedLength(width) > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("width must be in 1..65535, found " + width);
        }
        return new CorrelationStatistics(0, new double[width], new double[width],
                new double[(int) packedLength(width)]);
    }

    /**
     * The statistics of {@code rows ≥ 1} rows of a row-major {@code [rows, width]} block, about the block's mean
     * (rounded to float).
     *
     * @param x the block, {@code x[i·width + j]} is neuron j of row i
     */
    public static CorrelationStatistics ofRows(float[] x, int rows, int width) {
        CorrelationStatistics s = empty(width);
        double[] shift = blockMean(x, rows, width);
        addBlock(x, rows, width, shift, s.sum, s.gram);
        return new CorrelationStatistics(rows, shift, s.sum, s.gram);
    }

    /** Number of neurons D. */
    public int width() {
        return sum.length;
    }

    /** The statistics of both row sets together; neither input changes. */
    public CorrelationStatistics merge(CorrelationStatistics other) {
        if (other.width() != width()) {
            throw new IllegalArgumentException("cannot merge statistics of " + width() + " and " + other.width()
                    + " neurons");
        }
        if (count == 0) {
            return new CorrelationStatistics(other.count, other.shift.clone(), other.sum.clone(), other.gram.clone());
        }
        CorrelationStatistics o = other.shiftedTo(shift);
        double[] s = sum.clone();
        double[] g = gram.clone();
        add(s, o.sum);
        add(g, o.gram);
        return new CorrelationStatistics(count + o.count, shift.clone(), s, g);
    }

    /** The same statistics taken about {@code newShift} (this, when the shift is already that). */
    public CorrelationStatistics shiftedTo(double[] newShift) {
        if (java.util.Arrays.equals(shift, newShift)) {
            return this;
        }
        int d = width();
        double[] delta = new double[d];
        double[] s = new double[d];
        for (int j = 0; j < d; j++) {
            delta[j] = shift[j] - newShift[j];
            s[j] = sum[j] + count * delta[j];
        }
        double[] g = new double[gram.length];
        for (int j = 0; j < d; j++) {
            int row = offset(d, j) - j;
            for (int k = j; k < d; k++) {
                g[row + k] = gram[row + k] + delta[j] * sum[k] + sum[j] * delta[k] + count * delta[j] * delta[k];
            }
        }
        return new CorrelationStatistics(count, newShift.clone(), s, g);
    }

    /** The mean of neuron j, {@code a_j + s_j/n} (NaN for no rows). */
    public double mean(int j) {
        return shift[j] + sum[j] / count;
    }

    /**
     * The centred cross-product {@code Σ_i (x_ij − x̄_j)(x_ik − x̄_k) = G_jk − s_j·s_k/n}, which does not depend on the
     * shift (0 for no rows).
     */
    public double comoment(int j, int k) {
        if (count == 0) {
            return 0;
        }
        int a = Math.min(j, k);
        int b = Math.max(j, k);
        return gram[offset(width(), a) + b - a] - sum[a] * sum[b] / count;
    }

    /** The centred sum of squares of neuron j, {@code G_jj − s_j²/n} (0 for no rows; never negative). */
    public double centredSquares(int j) {
        return Math.max(0, comoment(j, j));
    }

    /** Whether neuron j never changes over the rows (its correlations are then 0). */
    public boolean isConstant(int j) {
        return !(centredSquares(j) > 0);
    }

    /** The Pearson correlation of neurons j and k, in [−1, 1]; 1 on the diagonal, 0 where a neuron is constant. */
    public double correlation(int j, int k) {
        if (j == k) {
            return 1;
        }
        double vj = centredSquares(j);
        double vk = centredSquares(k);
        if (!(vj > 0 && vk > 0)) {
            return 0;
        }
        double c = comoment(j, k);
        return Math.max(-1, Math.min(1, c / Math.sqrt(vj * vk)));
    }

    /** Where row j of the packed upper triangle of a {@code width × width} matrix starts. */
    public static int offset(int width, int j) {
        return (int) ((long) j * width - (long) j * (j - 1) / 2);
    }

    /** {@code width(width+1)/2}. */
    static long packedLength(int width) {
        return (long) width * (width + 1) / 2;
    }

    private static void add(double[] into, double[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] += from[i];
        }
    }

    /**
     * Adds a block's sums and cross-products to {@code sum} and {@code gram}. The rows of the triangle are shared
     * among the common pool's threads in chunks of about equal work; each entry is summed in row order whatever the
     * thread count, so the result is the same bit for bit.
     */
    private static void addBlock(float[] x, int rows, int width, double[] shift, double[] sum, double[] gram) {
        double[] xd = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                xd[i * width + j] = x[i * width + j] - shift[j]; // exact unless the two differ by over 2^29 in scale
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                sum[j] += xd[i * width + j];
            }
        }
        int[] bounds = chunks(width, Math.max(1, Math.min(64, width / 16)));
        IntStream.range(0, bounds.length - 1).parallel().forEach(c -> {
            for (int j = bounds[c]; j < bounds[c + 1]; j++) {
                int row = offset(width, j) - j; // gram[row + k] is G_jk for k ≥ j
                for (int i = 0; i < rows; i++) {
                    int base = i * width;
                    double xj = xd[base + j];
                    if (xj == 0) {
                        continue;
                    }
                    for (int k = j; k < width; k++) {
                        gram[row + k] += xj * xd[base + k];
                    }
                }
            }
        });
    }

    /** The per-neuron mean of a block, rounded to float (so {@code x − mean} is exact in double). */
    private static double[] blockMean(float[] x, int rows, int width) {
        double[] mean = new double[width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                mean[j] += x[i * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] = (float) (mean[j] / Math.max(rows, 1));
        }
        return mean;
    }

    /** Splits rows 0..width of the triangle into {@code parts} ranges of about equal entries. */
    private static int[] chunks(int width, int parts) {
        int[] bounds = new int[parts + 1];
        double total = packedLength(width);
        int j = 0;
        for (int p = 1; p < parts; p++) {
            double target = total * p / parts;
            while (j < width && offset(width, j) < target) {
                j++;
            }
            bounds[p] = j;
        }
        bounds[parts] = width;
        return Arrays.stream(bounds).distinct().toArray();
    }

    /**
     * Streams rows into statistics about the first block's mean: each {@link #add} call's block is reduced with
     * {@link #ofRows}'s arithmetic into a scratch triangle that is then added to the running total, so memory stays at
     * two triangles whatever the row count.
     */
    public static final class Accumulator {
        private final int width;
        private final double[] sum;
        private final double[] gram;
        private final double[] blockSum;
        private final double[] blockGram;
        private double[] shift;
        private long count;

        /** An accumulator over {@code width} neurons. */
        public Accumulator(int width) {
            CorrelationStatistics total = empty(width);
            this.width = width;
            this.sum = total.sum;
            this.gram = total.gram;
            this.blockSum = new double[width];
            this.blockGram = new double[gram.length];
        }

        /** Adds {@code rows} rows ({@code ≤ BLOCK_ROWS} for the documented error bound) of a row-major block. */
        public void add(float[] x, int rows) {
            if (shift == null) {
                shift = blockMean(x, rows, width);
            }
            Arrays.fill(blockSum, 0);
            Arrays.fill(blockGram, 0);
            addBlock(x, rows, width, shift, blockSum, blockGram);
            CorrelationStatistics.add(sum, blockSum);
            CorrelationStatistics.add(gram, blockGram);
            count += rows;
        }

        /** The statistics of every row added (a copy: later additions do not change it). */
        public CorrelationStatistics statistics() {
            return new CorrelationStatistics(count, shift == null ? new double[width] : shift.clone(), sum.clone(),
                    gram.clone());
        }
    }
}
