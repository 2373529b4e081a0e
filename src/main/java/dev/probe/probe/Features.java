package dev.probe.probe;

import dev.probe.activations.store.NpyMatrix;
import java.nio.FloatBuffer;

/**
 * Which neurons a probe reads and how they are scaled: a column subset of the matrix and an optional per-neuron
 * standardisation {@code (x − mean) / std}.
 *
 * @param neurons matrix columns, in probe order; null means every column
 * @param mean per-neuron mean (probe order), or null when not standardised
 * @param std per-neuron standard deviation (probe order; 1 where a neuron is constant), or null
 */
public record Features(int[] neurons, float[] mean, float[] std) {

    /** All columns, unscaled. */
    public static Features all() {
        return new Features(null, null, null);
    }

    /** Number of probe inputs for a matrix with {@code columns} columns. */
    public int width(int columns) {
        return neurons == null ? columns : neurons.length;
    }

    /** The same neurons with standardisation statistics. */
    public Features withStatistics(float[] newMean, float[] newStd) {
        return new Features(neurons, newMean, newStd);
    }

    /**
     * Appends the given rows to {@code dst} (row-major {@code [count, width]}, from its position), standardised when
     * statistics are set.
     *
     * @param rows matrix row ids
     * @param from first index into {@code rows}
     * @param count how many rows
     */
    public void read(NpyMatrix matrix, long[] rows, int from, int count, FloatBuffer dst) {
        int width = width(matrix.cols());
        int start = dst.position();
        // a subset is gathered from a bulk copy of the whole row: much faster than reading element by element
        float[] row = neurons == null ? null : new float[matrix.cols()];
        float[] picked = neurons == null ? null : new float[width];
        for (int i = 0; i < count; i++) {
            if (neurons == null) {
                matrix.readRow(rows[from + i], dst);
            } else {
                matrix.readRow(rows[from + i], row, 0);
                for (int j = 0; j < width; j++) {
                    picked[j] = row[neurons[j]];
                }
                dst.put(picked);
            }
        }
        if (mean != null) {
            for (int i = 0; i < count; i++) {
                int o = start + i * width;
                for (int j = 0; j < width; j++) {
                    dst.put(o + j, (dst.get(o + j) - mean[j]) / std[j]);
                }
            }
        }
    }
}
