package dev.probe.rank.stats;

import dev.probe.ProbeException;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.probe.LabelIndex;
import dev.probe.probe.ProbeData;
import java.util.Arrays;
import java.util.List;

/**
 * Mergeable sufficient statistics of every neuron per class, from one streaming pass over a split: the class's token
 * count {@code n_c}, and per neuron {@code Σx}, {@code Σx²} (exact, so associative: {@link ExactSums}),
 * {@code min x}, {@code max x} and,
 * when asked for, a histogram over the fixed {@link ActivationBins}. Every statistic ranker
 * ({@link StatisticRanker}) reads only these, and statistics computed on shards and {@link #merge merged} equal the
 * whole store's bit for bit, in any order of rows and merges.
 *
 * <p>Arrays are row-major {@code [class, neuron]} ({@code [class, neuron, bin]} for histograms). Rows whose class is
 * {@link LabelIndex#UNSEEN} are skipped.
 */
public final class ClassStatistics implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final int BLOCK = 256;

    private final List<String> labels;
    private final int neurons;
    private final long[] count;
    private final ExactSums sum;
    private final ExactSums sumSq;
    private final double[] min;
    private final double[] max;
    private final int[] histogram;

    ClassStatistics(List<String> labels, int neurons, long[] count, ExactSums sum, ExactSums sumSq, double[] min,
            double[] max, int[] histogram) {
        int cells = labels.size() * neurons;
        if (count.length != labels.size() || sum.cells() != cells || sumSq.cells() != cells || min.length != cells
                || max.length != cells || (histogram != null && histogram.length != cells * ActivationBins.BINS)) {
            throw new IllegalArgumentException("statistics arrays do not match " + labels.size() + " classes × "
                    + neurons + " neurons");
        }
        this.labels = List.copyOf(labels);
        this.neurons = neurons;
        this.count = count;
        this.sum = sum;
        this.sumSq = sumSq;
        this.min = min;
        this.max = max;
        this.histogram = histogram;
    }

    /** Empty statistics (every count 0, minima +∞, maxima −∞). */
    public static ClassStatistics empty(List<String> labels, int neurons, boolean histograms) {
        int cells = labels.size() * neurons;
        double[] min = new double[cells];
        double[] max = new double[cells];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        return new ClassStatistics(labels, neurons, new long[labels.size()], new ExactSums(cells),
                new ExactSums(cells), min, max, histograms ? new int[cells * ActivationBins.BINS] : null);
    }

    /**
     * The statistics of a split, read row block by row block from its memory-mapped matrix.
     *
     * @param labels the class names, indexed as {@code data.classes()}
     * @param histograms whether to collect the histograms (IoU and AP need them)
     * @throws ProbeException naming the store file, row and neuron of a NaN or infinite activation
     */
    public static ClassStatistics of(ProbeData data, List<String> labels, boolean histograms) throws ProbeException {
        NpyMatrix m = data.matrix();
        int d = m.cols();
        ClassStatistics s = empty(labels, d, histograms);
        long[] rows = data.rows();
        float[] block = new float[BLOCK * d];
        for (int i = 0; i < rows.length; i += BLOCK) {
            int k = Math.min(BLOCK, rows.length - i);
            if (contiguous(rows, i, k)) {
                m.readRows(rows[i], k, block);
            } else {
                for (int r = 0; r < k; r++) {
                    m.readRow(rows[i + r], block, r * d);
                }
            }
            for (int r : byClass(data.classes(), i, k)) {
                int c = data.classes()[i + r];
                int at = s.firstNonFinite(block, r * d);
                if (at >= 0) {
                    throw new ProbeException(m.fileOf(rows[i + r]), "row " + rows[i + r] + ", neuron " + at + ": activation "
                            + block[r * d + at] + " is not finite");
                }
                try {
                    s.add(c, block, r * d);
                } catch (ArithmeticException e) {
                    throw new ProbeException(m.fileOf(rows[i + r]), "row " + rows[i + r] + ": " + e.getMessage(), e);
                }
            }
        }
        return s;
    }

    /** The statistics of literal rows (tests, small data). */
    public static ClassStatistics of(float[][] rows, int[] classes, List<String> labels, boolean histograms) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        ClassStatistics s = empty(labels, d, histograms);
        for (int i = 0; i < rows.length; i++) {
            if (classes[i] != LabelIndex.UNSEEN) {
                s.add(classes[i], rows[i], 0);
            }
        }
        return s;
    }

    /**
     * The rows {@code 0 … count-1} of a block whose classes are {@code classes[from …]}, grouped by class (ascending,
     * rows in order within a class), without unseen ones. Adding a block's rows in this order gives the same statistics
     * (every part is exact or order-free) and keeps one class's histograms in cache while its rows are added.
     */
    static int[] byClass(int[] classes, int from, int count) {
        int max = -1;
        int seen = 0;
        for (int r = 0; r < count; r++) {
            int c = classes[from + r];
            if (c != LabelIndex.UNSEEN) {
                max = Math.max(max, c);
                seen++;
            }
        }
        int[] start = new int[max + 2];
        for (int r = 0; r < count; r++) {
            int c = classes[from + r];
            if (c != LabelIndex.UNSEEN) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c <= max; c++) {
            start[c + 1] += start[c];
        }
        int[] order = new int[seen];
        for (int r = 0; r < count; r++) {
            int c = classes[from + r];
            if (c != LabelIndex.UNSEEN) {
                order[start[c]++] = r;
            }
        }
        return order;
    }

    private static boolean contiguous(long[] rows, int from, int k) {
        for (int r = 1; r < k; r++) {
            if (rows[from + r] != rows[from] + r) {
                return false;
            }
        }
        return true;
    }

    private int firstNonFinite(float[] values, int offset) {
        for (int j = 0; j < neurons; j++) {
            if (!Float.isFinite(values[offset + j])) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Adds one row of class {@code c} ({@code neurons} values from {@code values[offset]}); rows may come in any
     * order. Not thread-safe.
     *
     * @throws ArithmeticException when a value or a sum leaves the exact-sum range ({@link ExactSums})
     */
    public void add(int c, float[] values, int offset) {
        count[c]++;
        int base = c * neurons;
        for (int j = 0; j < neurons; j++) {
            double x = values[offset + j];
            sum.add(base + j, x);
            sumSq.add(base + j, x * x);
            min[base + j] = Math.min(min[base + j], x);
            max[base + j] = Math.max(max[base + j], x);
        }
        if (histogram != null) {
            for (int j = 0; j < neurons; j++) {
                histogram[(base + j) * ActivationBins.BINS + ActivationBins.of(values[offset + j])]++;
            }
        }
    }

    /**
     * The statistics of both parts together: counts, sums and histograms added, minima and maxima taken. Both must
     * have the same classes in the same order, the same neurons, and histograms both or neither.
     *
     * @throws IllegalArgumentException when they do not fit together, or a histogram count overflows
     */
    public ClassStatistics merge(ClassStatistics other) {
        if (!labels.equals(other.labels) || neurons != other.neurons
                || (histogram == null) != (other.histogram == null)) {
            throw new IllegalArgumentException("statistics of different classes, neurons or histogram settings cannot"
                    + " be merged");
        }
        long[] n = new long[count.length];
        Arrays.setAll(n, c -> Math.addExact(count[c], other.count[c]));
        ExactSums s = sum.copy();
        s.addAll(other.sum);
        ExactSums q = sumSq.copy();
        q.addAll(other.sumSq);
        double[] lo = new double[min.length];
        double[] hi = new double[min.length];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = Math.min(min[i], other.min[i]);
            hi[i] = Math.max(max[i], other.max[i]);
        }
        int[] h = null;
        if (histogram != null) {
            h = new int[histogram.length];
            for (int i = 0; i < h.length; i++) {
                h[i] = Math.addExact(histogram[i], other.histogram[i]);
            }
        }
        return new ClassStatistics(labels, neurons, n, s, q, lo, hi, h);
    }

    /** The class names. */
    public List<String> labels() {
        return labels;
    }

    /** Number of classes. */
    public int classes() {
        return labels.size();
    }

    /** Number of neurons. */
    public int neurons() {
        return neurons;
    }

    /** Whether histograms were collected. */
    public boolean hasHistograms() {
        return histogram != null;
    }

    /** Tokens of class {@code c}. */
    public long count(int c) {
        return count[c];
    }

    /** Tokens of all classes. */
    public long total() {
        long n = 0;
        for (long k : count) {
            n += k;
        }
        return n;
    }

    /** {@code Σx} of neuron {@code j} over class {@code c}. */
    public double sum(int c, int j) {
        return sum.value(c * neurons + j);
    }

    /** {@code Σx²} of neuron {@code j} over class {@code c}. */
    public double sumSq(int c, int j) {
        return sumSq.value(c * neurons + j);
    }

    /** Mean of neuron {@code j} over class {@code c} (NaN for an empty class). */
    public double mean(int c, int j) {
        return count[c] == 0 ? Double.NaN : sum.value(c * neurons + j) / count[c];
    }

    /** Smallest activation of neuron {@code j} in class {@code c} (+∞ for an empty class). */
    public double min(int c, int j) {
        return min[c * neurons + j];
    }

    /** Largest activation of neuron {@code j} in class {@code c} (−∞ for an empty class). */
    public double max(int c, int j) {
        return max[c * neurons + j];
    }

    /** Tokens of class {@code c} whose neuron {@code j} falls in bin {@code b}. */
    public int binCount(int c, int j, int b) {
        if (histogram == null) {
            throw new IllegalStateException("these statistics have no histograms");
        }
        return histogram[(c * neurons + j) * ActivationBins.BINS + b];
    }

    /** The raw arrays, for {@link StatisticsFiles}. */
    long[] countArray() {
        return count;
    }

    double[][] valueArrays() {
        return new double[][] {sum.values(), sumSq.values(), min, max};
    }

    /** The exact sums' digits ({@link ExactSums}): Σx's, then Σx²'s, each {@code [class, neuron, digit]}. */
    long[][] exactDigits() {
        return new long[][] {sum.digits(), sumSq.digits()};
    }

    int[] histogramArray() {
        return histogram;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassStatistics s && labels.equals(s.labels) && neurons == s.neurons
                && Arrays.equals(count, s.count) && sum.equals(s.sum) && sumSq.equals(s.sumSq)
                && Arrays.equals(min, s.min) && Arrays.equals(max, s.max) && Arrays.equals(histogram, s.histogram);
    }

    @Override
    public int hashCode() {
        return 31 * labels.hashCode() + Arrays.hashCode(count);
    }
}
