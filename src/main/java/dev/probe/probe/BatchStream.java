package dev.probe.probe;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Minibatches of one epoch, read from the memory-mapped matrix on a background thread while the caller trains on the
 * previous one (double buffering). Each batch's inputs sit in a direct buffer that can be handed to native code
 * without a copy; a batch stays valid until the following call to {@link #next()}.
 */
final class BatchStream implements AutoCloseable {
    private final ProbeData data;
    private final Features features;
    private final int batch;
    private final int width;
    private final Slot[] slots = new Slot[2];
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "probe-batch-reader");
        t.setDaemon(true);
        return t;
    });
    private int[] order;
    private int nextFrom;
    private int current;
    private Future<Slot> pending;

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
            x = ByteBuffer.allocateDirect(batch * width * Float.BYTES).order(ByteOrder.nativeOrder());
            y = new float[batch];
            rows = new long[batch];
        }
    }

    BatchStream(ProbeData data, Features features, int batch, int width) {
        this.data = data;
        this.features = features;
        this.batch = batch;
        this.width = width;
        slots[0] = new Slot(batch, width);
        slots[1] = new Slot(batch, width);
    }

    /** Starts an epoch that visits the rows in this order (indices into the data). */
    void start(int[] epochOrder) {
        awaitPending();
        order = epochOrder;
        nextFrom = 0;
        current = 0;
        pending = submit(slots[0]);
    }

    /** The next batch, or null when the epoch is done. The previous batch's buffers are reused from now on. */
    Slot next() {
        Slot ready = awaitPending();
        if (ready == null) {
            return null;
        }
        current ^= 1;
        pending = submit(slots[current]);
        return ready;
    }

    private Future<Slot> submit(Slot slot) {
        if (nextFrom >= order.length) {
            return null;
        }
        int from = nextFrom;
        int count = Math.min(batch, order.length - from);
        nextFrom += count;
        return reader.submit(() -> fill(slot, from, count));
    }

    private Slot fill(Slot slot, int from, int count) {
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

    private Slot awaitPending() {
        if (pending == null) {
            return null;
        }
        try {
            Slot slot = pending.get();
            pending = null;
            return slot;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a batch", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
