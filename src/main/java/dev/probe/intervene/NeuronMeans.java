package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.RowBlocks;
import java.util.List;

/**
 * Per-neuron training means, overall and for two classes, from one streaming pass over a store (double sums, in row
 * order, so the result does not depend on anything but the store).
 *
 * @param all every neuron's mean over all rows
 * @param from the mean over the rows of class {@code fromLabel}, or null when no class was asked for
 * @param to the mean over the rows of class {@code toLabel}, or null
 * @param fromCount rows of class {@code fromLabel}
 * @param toCount rows of class {@code toLabel}
 */
public record NeuronMeans(double[] all, double[] from, double[] to, long fromCount, long toCount) {
    private static final int BLOCK = 1024;

    /**
     * Reads the store once.
     *
     * @param labels every row's label (for the class means), or null for the overall means only
     * @param fromLabel the class translated from, or null
     * @param toLabel the class translated toward, or null
     * @throws ProbeException when the store holds a non-finite value, or a class has no row
     */
    public static NeuronMeans of(ActivationStore store, List<String> labels, String fromLabel, String toLabel)
            throws ProbeException {
        int cols = store.matrix().cols();
        double[] sum = new double[cols];
        double[] fromSum = fromLabel == null ? null : new double[cols];
        double[] toSum = toLabel == null ? null : new double[cols];
        long[] counts = new long[2];
        RowBlocks.forEach(store.matrix(), BLOCK, (rows, first, count) -> {
            for (int i = 0; i < count; i++) {
                String label = labels == null ? null : labels.get((int) (first + i));
                boolean isFrom = fromSum != null && fromLabel.equals(label);
                boolean isTo = toSum != null && toLabel.equals(label);
                counts[0] += isFrom ? 1 : 0;
                counts[1] += isTo ? 1 : 0;
                int o = i * cols;
                for (int j = 0; j < cols; j++) {
                    double v = rows[o + j];
                    sum[j] += v;
                    if (isFrom) {
                        fromSum[j] += v;
                    }
                    if (isTo) {
                        toSum[j] += v;
                    }
                }
            }
        });
        long n = store.matrix().rows();
        if (fromSum != null && counts[0] == 0 || toSum != null && counts[1] == 0) {
            String missing = fromSum != null && counts[0] == 0 ? fromLabel : toLabel;
            throw new ProbeException(store.dir(), "no training word has the label '" + missing + "'");
        }
        return new NeuronMeans(divide(sum, n), divide(fromSum, counts[0]), divide(toSum, counts[1]), counts[0],
                counts[1]);
    }

    private static double[] divide(double[] sums, long n) {
        if (sums == null) {
            return null;
        }
        double[] out = new double[sums.length];
        for (int j = 0; j < sums.length; j++) {
            out[j] = sums[j] / n;
        }
        return out;
    }
}
