package dev.probe.rank;

import java.util.Arrays;

/**
 * Jaccard overlap of two neuron sets, {@code J(A, B) = |A ∩ B| / |A ∪ B|}, used to compare rankings (top neurons of two
 * probes, of a task and its control task, of two seeds).
 */
public final class Jaccard {

    private Jaccard() {
    }

    /**
     * {@code |A ∩ B| / |A ∪ B|} in {@code [0, 1]}; the arrays are read as sets (order and repeats ignored), and two
     * empty sets count as identical ({@code 1.0}).
     */
    public static double of(int[] a, int[] b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException("neuron sets must not be null");
        }
        int[] x = distinctSorted(a);
        int[] y = distinctSorted(b);
        if (x.length == 0 && y.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < x.length && j < y.length) {
            if (x[i] == y[j]) {
                common++;
                i++;
                j++;
            } else if (x[i] < y[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (x.length + y.length - common);
    }

    private static int[] distinctSorted(int[] values) {
        return Arrays.stream(values).distinct().sorted().toArray();
    }
}
