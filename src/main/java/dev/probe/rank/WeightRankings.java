package dev.probe.rank;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The global neuron ordering of a linear probe's weight matrix {@code weights[classes][neurons]} (row = class),
 * following NeuroX {@code interpretation/linear_probe.py} ({@code get_neuron_ordering}, built on
 * {@code get_top_neurons}) and Dalvi et al., "What is one grain of sand in the desert?", AAAI 2019, and the top,
 * bottom and random neuron sets taken from it. Only absolute values {@code |w|} are used.
 *
 * <p><b>Weight mass.</b> For class {@code c} sort the neurons by descending {@code |w[c][j]|} (ties by lower neuron
 * id), let {@code S_k} be the sum of the first {@code k} values and {@code T = S_n} the class total. The selection at
 * percentage {@code p} is the first {@code k} neurons, where {@code k} is the smallest index with {@code S_k >= p·T}
 * and {@code k >= 1}. This is NeuroX's count: it takes the first position whose cumulative sum reaches {@code p·T}
 * <em>inclusive</em> of that position, so even {@code p = 0} selects one neuron per class (its largest). Two deliberate
 * departures: a class whose weights are all zero selects nothing (NeuroX would pick an arbitrary zero-weight neuron,
 * since {@code 0 >= p·0}), and {@code p = 1} selects exactly the prefix up to the last non-zero weight, so round-off in
 * the sums can never drop a tiny non-zero weight.
 *
 * <p>All methods are pure and validate their input: a non-rectangular or non-finite matrix or a bad step is an
 * {@link IllegalArgumentException} naming the value.
 */
public final class WeightRankings {

    /** The default step of {@link #ordering}: 101 percentages 0, 0.01, …, 1 (NeuroX's stride 100). */
    public static final double DEFAULT_STEP = 0.01;

    private static final int MAX_STEPS = 1_000_000;

    private WeightRankings() {
    }

    /**
     * Global neuron ordering (NeuroX {@code get_neuron_ordering}). With {@code s = round(1/step)} steps, for
     * {@code i = 0 … s} take the union over the classes of the selection at percentage {@code i/s} (see the class
     * comment; {@code i/s} computed exactly, not by accumulating {@code step}) and append the neurons not yet ordered;
     * within one step the new neurons are ordered by descending {@code max_c |w[c][j]|}, ties by lower id (NeuroX
     * leaves this order arbitrary). {@code cutoffs[i]} is the length of the ordering after step {@code i}. Finally the
     * neurons never selected (every weight exactly zero, as an L1 optimum leaves many) are appended and a last cutoff
     * {@code n} is recorded, so {@code cutoffs} always has {@code s + 2} entries. The never-selected neurons follow by
     * descending {@code tieScore}, neurons with equal scores in an order drawn from {@code seed}; without scores, by
     * ascending id (which would put the lowest layers last and make bottom sets a property of the id layout). The
     * caller chooses the score; {@link LcaRanker} uses each neuron's entry score, {@code max_c |∂f/∂W_cj| / λ1} at the
     * optimum: how close the neuron is to entering the model.
     *
     * @param step the percentage step, in {@code (0, 1]} with {@code 1/step} a whole number (within 1e-9)
     * @param tieScore one finite score per neuron, or null for ascending ids
     */
    public static Ordering ordering(float[][] weights, double step, double[] tieScore, long seed) {
        int n = checkShape(weights);
        if (tieScore != null && tieScore.length != n) {
            throw new IllegalArgumentException("tieScore must have one score per neuron (" + n + "); found "
                    + tieScore.length);
        }
        long steps = step > 0 ? Math.round(1 / step) : 0;
        if (!(step > 0 && step <= 1) || steps > MAX_STEPS || Math.abs(steps * step - 1) > 1e-9) {
            throw new IllegalArgumentException("step must be in (0, 1] and divide 1 into at most " + MAX_STEPS
                    + " whole steps; found " + step);
        }
        MassOrder[] orders = new MassOrder[weights.length];
        for (int c = 0; c < weights.length; c++) {
            orders[c] = MassOrder.of(weights[c]);
        }
        float[] maxAbs = new float[n];
        for (float[] row : weights) {
            for (int j = 0; j < n; j++) {
                maxAbs[j] = Math.max(maxAbs[j], Math.abs(row[j]));
            }
        }
        boolean[] seen = new boolean[n];
        int[] taken = new int[weights.length];
        int[] order = new int[n];
        int[] cutoffs = new int[(int) steps + 2];
        int size = 0;
        for (int i = 0; i <= steps; i++) {
            double p = (double) i / steps;
            int start = size;
            for (int c = 0; c < orders.length; c++) {
                int length = orders[c].prefixLength(p);
                for (int k = taken[c]; k < length; k++) {
                    int id = orders[c].ids[k];
                    if (!seen[id]) {
                        seen[id] = true;
                        order[size++] = id;
                    }
                }
                taken[c] = Math.max(taken[c], length);
            }
            sortDescending(order, start, size, maxAbs);
            cutoffs[i] = size;
        }
        int unseenFrom = size;
        for (int j = 0; j < n; j++) {
            if (!seen[j]) {
                order[size++] = j;
            }
        }
        if (tieScore != null) {
            breakTies(order, unseenFrom, size, tieScore, seed);
        }
        cutoffs[cutoffs.length - 1] = size;
        return new Ordering(order, cutoffs);
    }

    /**
     * Exactly {@code count} distinct ids out of {@code 0 … neurons-1}, drawn uniformly with
     * {@code new SplittableRandom(seed)} (partial Fisher–Yates), ascending. Unlike NeuroX's {@code get_random_neurons}
     * (each neuron kept with a probability) the size is fixed, to match the set a control is compared with.
     */
    public static int[] random(int neurons, int count, long seed) {
        if (neurons < 0 || count < 0 || count > neurons) {
            throw new IllegalArgumentException("cannot choose " + count + " distinct neurons out of " + neurons);
        }
        int[] ids = new int[neurons];
        Arrays.setAll(ids, j -> j);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            int j = random.nextInt(i, neurons);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        int[] chosen = Arrays.copyOf(ids, count);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The first {@code k} neurons of an ordering (the most important), in ordering order. */
    public static int[] topK(int[] ordering, int k) {
        checkK(ordering, k);
        return Arrays.copyOfRange(ordering, 0, k);
    }

    /** The last {@code k} neurons of an ordering (the least important), in ordering order. */
    public static int[] bottomK(int[] ordering, int k) {
        checkK(ordering, k);
        return Arrays.copyOfRange(ordering, ordering.length - k, ordering.length);
    }

    /**
     * One class's neurons sorted by descending {@code |w|} (ties by lower id), with the cumulative sums
     * {@code cumulative[k] = S_{k+1}} and the number of sorted positions up to and including the last non-zero weight.
     */
    private record MassOrder(int[] ids, double[] cumulative, int throughLastNonZero) {

        static MassOrder of(float[] row) {
            int n = row.length;
            long[] keys = new long[n];
            for (int j = 0; j < n; j++) {
                long bits = Float.floatToIntBits(Math.abs(row[j])); // monotone in the value for finite values >= 0
                keys[j] = ((Integer.MAX_VALUE - bits) << 32) | j;
            }
            Arrays.sort(keys);
            int[] ids = new int[n];
            double[] cumulative = new double[n];
            double sum = 0;
            int throughLastNonZero = 0;
            for (int k = 0; k < n; k++) {
                ids[k] = (int) keys[k];
                float w = Math.abs(row[ids[k]]);
                sum += w;
                cumulative[k] = sum;
                if (w != 0) {
                    throughLastNonZero = k + 1;
                }
            }
            return new MassOrder(ids, cumulative, throughLastNonZero);
        }

        /** NeuroX's prefix: {@code 1 + } the first position whose cumulative sum is {@code >= p · total}. */
        int prefixLength(double p) {
            if (throughLastNonZero == 0) {
                return 0;
            }
            if (p >= 1) {
                return throughLastNonZero;
            }
            double target = p * cumulative[cumulative.length - 1];
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] >= target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return Math.min(lo + 1, throughLastNonZero);
        }
    }

    /** Sorts {@code ids[from, to)} by descending {@code score[id]}, ties in an order drawn from {@code seed}. */
    private static void breakTies(int[] ids, int from, int to, double[] score, long seed) {
        int count = to - from;
        int[] shuffled = new int[count];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            shuffled[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        Integer[] boxed = new Integer[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = i;
        }
        int[] original = Arrays.copyOfRange(ids, from, to);
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(score[original[b]], score[original[a]]);
            return c != 0 ? c : Integer.compare(shuffled[a], shuffled[b]);
        });
        for (int i = 0; i < count; i++) {
            ids[from + i] = original[boxed[i]];
        }
    }

    /** Sorts {@code ids[from, to)} by descending {@code score[id]}, ties by lower id. */
    private static void sortDescending(int[] ids, int from, int to, float[] score) {
        long[] keys = new long[to - from];
        for (int k = from; k < to; k++) {
            keys[k - from] = ((long) (Integer.MAX_VALUE - Float.floatToIntBits(score[ids[k]])) << 32) | ids[k];
        }
        Arrays.sort(keys);
        for (int k = from; k < to; k++) {
            ids[k] = (int) keys[k - from];
        }
    }

    /** Checks the matrix and returns the number of neurons (columns). */
    private static int checkShape(float[][] weights) {
        if (weights == null || weights.length == 0 || weights[0] == null) {
            throw new IllegalArgumentException("weights must have at least one class (row); found "
                    + (weights == null ? "null" : weights.length == 0 ? "0 rows" : "row 0 null"));
        }
        int n = weights[0].length;
        for (int c = 0; c < weights.length; c++) {
            if (weights[c] == null || weights[c].length != n) {
                throw new IllegalArgumentException("weights are not rectangular: row 0 has " + n + " neurons, row "
                        + c + " has " + (weights[c] == null ? "null" : weights[c].length));
            }
            for (int j = 0; j < n; j++) {
                if (!Float.isFinite(weights[c][j])) {
                    throw new IllegalArgumentException("weight [" + c + "][" + j + "] is not finite: " + weights[c][j]);
                }
            }
        }
        return n;
    }

    private static void checkK(int[] ordering, int k) {
        if (ordering == null) {
            throw new IllegalArgumentException("ordering must not be null");
        }
        if (k < 0 || k > ordering.length) {
            throw new IllegalArgumentException("k must be in [0, " + ordering.length + "]; found " + k);
        }
    }
}
