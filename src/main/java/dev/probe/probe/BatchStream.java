package dev.probe.probe;

import dev.probe.model.Aligned;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Minibatches of one epoch, read from the memory-mapped matrix into one reused 64-byte aligned direct buffer that is
 * handed to PyTorch without a copy. A batch stays valid until the following call to {@link #next()}.
 *
 * <p>Batches are read on the caller's thread.
 */
final class BatchStream {
    private final ProbeData data;
    private final Features features;
    private final int batch;
    private final int width;
    private final Slot slot;
    private int[] order;
    private int nextFrom;

    /**
     * One batch: inputs {@code [count, width]} in a direct buffer (position 0, limit at the end of the data) and the
     * targets (class ids as floats, or regression targets).
     */
    static final class Slot {
        final ByteBuffer x;
        final float[] y;
        final long[] rows;
        int count;

        Slot(int batch, int width) {
            x = Aligned.directBuffer(batch * width * Float.BYTES);
            y = new float[batch];
            rows = new long[batch];
        }
    }

    BatchStream(ProbeData data, Features features, int batch, int width) {
        this.data = data;
        this.features = features;
        this.batch = batch;
        this.width = width;
        this.slot = new Slot(batch, width);
    }

    /** Starts an epoch that visits the rows in this order (indices into the data). */
    void start(int[] epochOrder) {
        order = epochOrder;
        nextFrom = 0;
    }

    /** The next batch, or null when the epoch is done. */
    Slot next() {
        if (nextFrom >= order.length) {
            return null;
        }
        int from = nextFrom;
        int count = Math.min(batch, order.length - from);
        nextFrom += count;
        for (int i = 0; i < count; i++) {
            int k = order[from + i];
            slot.rows[i] = data.rows()[k];
            slot.y[i] = data.classes() != null ? data.classes()[k] : data.targets()[k];
        }
        FloatBuffer view = slot.x.clear().asFloatBuffer();
        features.read(data.matrix(), slot.rows, 0, count, view);
        slot.x.limit(count * width * Float.BYTES);
        slot.count = count;
        return slot;
    }
}
