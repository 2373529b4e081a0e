package dev.probe.activations.store;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finding the first NaN or ±Inf in activations or probe weights, to end a run with a message that names the file, the
 * row and the neuron instead of letting the value spread into a probe. Callers test whole blocks cheaply (often on the
 * PyTorch engine) and call these methods only to locate and report what they found, or on plain arrays.
 */
public final class NonFinite {
    private NonFinite() {
    }

    /**
     * Reads rows {@code rows[from .. from+count)} of the matrix (columns {@code neurons}, or all when null) and throws
     * at the first non-finite value; returns normally when all are finite.
     *
     * @throws ProbeException naming the matrix file, the matrix row (and its tokens.tsv line) and the neuron
     */
    public static void requireFinite(NpyMatrix matrix, long[] rows, int from, int count, int[] neurons)
            throws ProbeException {
        float[] row = new float[matrix.cols()];
        for (int i = from; i < from + count; i++) {
            matrix.readRow(rows[i], row, 0);
            int width = neurons == null ? row.length : neurons.length;
            for (int j = 0; j < width; j++) {
                int col = neurons == null ? j : neurons[j];
                if (!Float.isFinite(row[col])) {
                    throw new ProbeException(matrix.fileOf(rows[i]), String.format(Locale.ROOT,
                            "row %d (tokens.tsv line %d), neuron %d holds %s: the store has a non-finite activation;"
                                    + " extract it again", rows[i], rows[i] + 2, col, row[col]));
                }
            }
        }
    }

    /**
     * Throws at the first non-finite value of a row-major {@code [rows, cols]} array read from {@code file} (probe
     * weights, a bias); returns normally when all are finite.
     *
     * @throws ProbeException naming the file, the row and the column
     */
    public static void requireFinite(float[] values, int cols, Path file, String what) throws ProbeException {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new ProbeException(file, String.format(Locale.ROOT, "%s row %d, column %d holds %s: refusing a"
                        + " non-finite value", what, i / Math.max(1, cols), i % Math.max(1, cols), values[i]));
            }
        }
    }

    /** True when every value is finite. */
    public static boolean allFinite(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
