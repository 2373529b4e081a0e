package dev.probe.probe;

import dev.probe.activations.store.NpyMatrix;

/**
 * Rows of an activation matrix with their targets: what a probe trains or is evaluated on. Nothing is copied from
 * the matrix; batches are read from it on demand.
 *
 * @param name split name for reports ("train", "dev", "test")
 * @param matrix the memory-mapped activations {@code [words, neurons]}
 * @param rows the matrix rows in this split
 * @param classes class id per row ({@link LabelIndex#UNSEEN} for labels unseen in training); null for regression
 * @param targets numeric target per row; null for classification
 */
public record ProbeData(String name, NpyMatrix matrix, long[] rows, int[] classes, float[] targets) {
    public ProbeData {
        int n = rows.length;
        if ((classes == null) == (targets == null)) {
            throw new IllegalArgumentException("exactly one of classes and targets must be given");
        }
        if ((classes != null && classes.length != n) || (targets != null && targets.length != n)) {
            throw new IllegalArgumentException("one target per row is needed");
        }
    }

    /** Number of rows. */
    public int size() {
        return rows.length;
    }

    /** The same rows with other class ids (control tasks). */
    public ProbeData withClasses(int[] newClasses) {
        return new ProbeData(name, matrix, rows, newClasses, null);
    }
}
