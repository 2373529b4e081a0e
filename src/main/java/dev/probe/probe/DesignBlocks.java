package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.StoreDtype;
import dev.probe.model.Aligned;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The training rows of a probe as blocks of float32 tensors {@code [rows, width]} for full-batch passes on the PyTorch
 * engine, read from the memory-mapped store without going through the Java heap.
 *
 * <p>Blocks are the next {@code blockRows} training rows in order. A block of consecutive store rows is a tensor <em>over the mapping itself</em> (zero copy, read only: nothing may
 * write into it); a neuron subset, a float16 store or scattered rows (a {@code --split}) need a copy, which is kept in
 * PyTorch memory across passes when all copies together fit in {@link #CACHE_BYTES}, and made again for every pass
 * otherwise. Blocks never span two mapped segments. Block boundaries depend only on the rows and the block size, so
 * every pass sums the same numbers in the same order.
 */
final class DesignBlocks implements AutoCloseable {
    /**
     * Rows per block of the solver's passes: fixed, so that no setting changes the order of the sums (a minibatch size
     * belongs to the Adam schedule alone).
     */
    static final int ROWS = 4096;

    /** Copies of blocks are cached when they need at most this many bytes in all. */
    static final long CACHE_BYTES = 1L << 30;

    private final NDManager manager;
    private final ProbeData data;
    private final int[] neurons;
    private final int width;
    private final List<int[]> blocks = new ArrayList<>();
    private final NDArray columns;
    private final NDArray[] cached;
    private final NDArray[] targets;
    private final boolean cache;

    /**
     * @param parent the manager whose sub-manager owns the cached tensors (closed with {@link #close()})
     * @param data the rows
     * @param neurons matrix columns in probe order, or null for all
     * @param blockRows rows per block (≥ 1)
     */
    DesignBlocks(NDManager parent, ProbeData data, int[] neurons, int blockRows) {
        if (blockRows < 1) {
            throw new IllegalArgumentException("blockRows must be ≥ 1, found " + blockRows);
        }
        this.manager = parent.newSubManager();
        this.data = data;
        this.neurons = neurons;
        NpyMatrix matrix = data.matrix();
        this.width = neurons == null ? matrix.cols() : neurons.length;
        long[] rows = data.rows();
        for (int from = 0; from < rows.length; from += blockRows) {
            int count = Math.min(blockRows, rows.length - from);
            boolean contiguous = count <= matrix.rowsInSegmentFrom(rows[from]);
            for (int i = 1; i < count && contiguous; i++) {
                contiguous = rows[from + i] == rows[from + i - 1] + 1;
            }
            blocks.add(new int[] {from, count, contiguous ? 1 : 0});
        }
        this.columns = neurons == null ? null : manager.create(toLongs(neurons));
        boolean needsCopy = neurons != null || matrix.dtype() != StoreDtype.FLOAT32
                || blocks.stream().anyMatch(b -> b[2] == 0);
        this.cache = needsCopy && (long) rows.length * width * Float.BYTES <= CACHE_BYTES;
        this.cached = new NDArray[blocks.size()];
        this.targets = new NDArray[blocks.size()];
    }

    /** Number of blocks. */
    int count() {
        return blocks.size();
    }

    /** Index into {@link ProbeData#rows()} of the block's first row. */
    int from(int block) {
        return blocks.get(block)[0];
    }

    /** Rows in the block. */
    int size(int block) {
        return blocks.get(block)[1];
    }

    /** Probe inputs per row. */
    int width() {
        return width;
    }

    /** The matrix columns read, in probe order, or null for all. */
    int[] neurons() {
        return neurons;
    }

    /** The data the blocks come from. */
    ProbeData data() {
        return data;
    }

    /**
     * The block's inputs, float32 {@code [rows, width]}: cached, or made in {@code scope} (valid while it is open).
     * Never write into the result.
     */
    NDArray x(int block, NDManager scope) {
        if (cached[block] != null) {
            return cached[block];
        }
        NDArray x = build(block, cache ? manager : scope);
        if (cache) {
            cached[block] = x;
        }
        return x;
    }

    /**
     * The block's targets as float32 {@code [rows, outputs]}: one-hot class indicators (classification; every class
     * id must be in {@code [0, outputs)}), or the numeric target in one column (regression). Kept for later passes.
     */
    NDArray y(int block, int outputs) {
        if (targets[block] == null) {
            int from = from(block);
            int n = size(block);
            float[] values = new float[n * outputs];
            for (int i = 0; i < n; i++) {
                if (data.classes() != null) {
                    values[i * outputs + data.classes()[from + i]] = 1;
                } else {
                    values[i] = data.targets()[from + i];
                }
            }
            targets[block] = Aligned.copy(manager.create(values, new Shape(n, outputs)));
        }
        return targets[block];
    }

    private NDArray build(int block, NDManager owner) {
        int[] b = blocks.get(block);
        NpyMatrix matrix = data.matrix();
        if (b[2] == 1) {
            long first = data.rows()[b[0]];
            ByteBuffer mapped = matrix.mappedRows(first, b[1]);
            boolean half = matrix.dtype() != StoreDtype.FLOAT32;
            try (NDManager tmp = owner.newSubManager()) {
                NDArray view = tmp.create(mapped, new Shape(b[1], matrix.cols()), half ? DataType.FLOAT16
                        : DataType.FLOAT32);
                if (!half && columns == null) {
                    view.attach(owner); // the zero-copy view itself
                    return view;
                }
                NDArray picked = columns == null ? view : view.get(new NDIndex(":, {}", columns));
                NDArray out = half ? picked.toType(DataType.FLOAT32, false) : picked;
                out.attach(owner);
                return out;
            }
        }
        ByteBuffer buffer = Aligned.directBuffer(b[1] * width * Float.BYTES);
        FloatBuffer view = buffer.asFloatBuffer();
        new Features(neurons, null, null).read(matrix, data.rows(), b[0], b[1], view);
        return Aligned.copy(owner.create(buffer, new Shape(b[1], width), DataType.FLOAT32));
    }

    private static long[] toLongs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }
}
