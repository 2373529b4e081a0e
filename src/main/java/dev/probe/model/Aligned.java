package dev.probe.model;

import ai.djl.ndarray.NDArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory that PyTorch owns. DJL creates arrays from Java data without copying, on JVM direct buffers: their
 * lifetime follows the Java object, not the NDManager scope (a buffer the JVM frees while native code still reads it
 * is the use-after-free of docs/solver.md), and their address alignment varies from run to run. Arrays that feed
 * matrix products are therefore copied into PyTorch's own 64-byte aligned memory, owned by the array's manager, or
 * built on 64-byte aligned direct buffers. (Alignment alone was measured not to change results with this libtorch
 * build; the copy keeps the inputs independent of it.)
 */
public final class Aligned {
    private static final int ALIGNMENT = 64;

    private Aligned() {
    }

    /** A copy of {@code array} in PyTorch-allocated memory, in the same manager; {@code array} is closed. */
    public static NDArray copy(NDArray array) {
        NDArray copy = array.duplicate();
        array.close();
        return copy;
    }

    /**
     * A native-order direct buffer of at least {@code bytes} bytes (its capacity rounded up to a multiple of 64) whose
     * address is a multiple of 64.
     */
    public static ByteBuffer directBuffer(int bytes) {
        int rounded = (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        return ByteBuffer.allocateDirect(rounded + ALIGNMENT).alignedSlice(ALIGNMENT).order(ByteOrder.nativeOrder());
    }
}
