package dev.probe.rank;

import java.util.Arrays;

/**
 * A global neuron ordering, most important first, as a {@link Ranker} returns it (for LCA, computed by
 * {@link WeightRankings#ordering}).
 *
 * @param order every neuron id {@code 0 … n-1} exactly once; copied
 * @param cutoffs {@code cutoffs[i]} = number of neurons ordered after percentage step {@code i}; the last entry is
 *     {@code n} (after the never-selected neurons were appended); non-decreasing; copied
 */
public record Ordering(int[] order, int[] cutoffs) {

    /** Copies both arrays. */
    public Ordering {
        if (order == null || cutoffs == null) {
            throw new IllegalArgumentException("order and cutoffs must not be null");
        }
        order = order.clone();
        cutoffs = cutoffs.clone();
    }

    /**
     * The ordering by descending score, equal scores by lower neuron id; one cutoff, {@code n}.
     *
     * @param score one finite score per neuron id
     */
    public static Ordering byScore(double[] score) {
        int n = score.length;
        Integer[] ids = new Integer[n];
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(score[j])) {
                throw new IllegalArgumentException("score of neuron " + j + " is not finite: " + score[j]);
            }
            ids[j] = j;
        }
        Arrays.sort(ids, (a, b) -> {
            int c = Double.compare(score[b], score[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        return new Ordering(Arrays.stream(ids).mapToInt(Integer::intValue).toArray(), new int[] {n});
    }

    /** The neuron ids, most important first (a copy). */
    @Override
    public int[] order() {
        return order.clone();
    }

    /** The cutoffs (a copy). */
    @Override
    public int[] cutoffs() {
        return cutoffs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ordering other && Arrays.equals(order, other.order)
                && Arrays.equals(cutoffs, other.cutoffs);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(order) + Arrays.hashCode(cutoffs);
    }

    @Override
    public String toString() {
        return "Ordering[order=" + Arrays.toString(order) + ", cutoffs=" + Arrays.toString(cutoffs) + "]";
    }
}
