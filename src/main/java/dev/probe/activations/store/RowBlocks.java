package dev.probe.activations.store;

import dev.probe.ProbeException;

/**
 * Streams every row of a matrix in blocks of consecutive rows, each block checked for non-finite values before it is
 * handed on (the first one found ends the pass with its file, row and neuron). One buffer of {@code block × cols}
 * floats is on the heap at a time; the matrix stays memory-mapped.
 */
public final class RowBlocks {
    private RowBlocks() {
    }

    /** Receives one block: rows {@code first … first + count − 1}, row-major in {@code rows}. */
    @FunctionalInterface
    public interface Consumer {
        /**
         * @param rows the block's values, {@code count × cols} of them at the start of the array
         * @param first the block's first row
         * @param count rows in the block
         */
        void block(float[] rows, long first, int count) throws ProbeException;
    }

    /**
     * Reads every row of {@code matrix}, {@code block} rows at a time.
     *
     * @throws ProbeException naming the file, row and neuron of the first non-finite value, or what the consumer throws
     */
    public static void forEach(NpyMatrix matrix, int block, Consumer consumer) throws ProbeException {
        int cols = matrix.cols();
        float[] rows = new float[block * cols];
        for (long first = 0; first < matrix.rows(); first += block) {
            int count = (int) Math.min(block, matrix.rows() - first);
            matrix.readRows(first, count, rows);
            if (!NonFinite.allFinite(rows, 0, count * cols)) {
                long[] ids = new long[count];
                for (int i = 0; i < count; i++) {
                    ids[i] = first + i;
                }
                NonFinite.requireFinite(matrix, ids, 0, count, null);
            }
            consumer.block(rows, first, count);
        }
    }
}
