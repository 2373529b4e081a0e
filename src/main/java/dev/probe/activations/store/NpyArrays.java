package dev.probe.activations.store;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Small float32 {@code .npy} arrays read and written whole (probe weights, biases, statistics), as opposed to the
 * memory-mapped activation matrix.
 */
public final class NpyArrays {
    private NpyArrays() {
    }

    /**
     * A float32 array and its shape.
     *
     * @param shape dimensions, C order
     * @param data values
     */
    public record FloatArray(long[] shape, float[] data) {
    }

    /** Writes {@code data} as a C-order {@code <f4} array of the given shape. */
    public static void write(Path file, float[] data, long... shape) throws IOException {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape holds " + n + " values, data has " + data.length);
        }
        byte[] header = NpyHeader.of(StoreDtype.FLOAT32, shape).encode();
        ByteBuffer buffer = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(header);
        buffer.asFloatBuffer().put(data);
        Files.write(file, buffer.array());
    }

    /** Reads a whole {@code <f4} array. */
    public static FloatArray read(Path file) throws ProbeException {
        NpyHeader header = NpyHeader.read(file);
        if (header.dtype() != StoreDtype.FLOAT32) {
            throw new ProbeException(file, "expected a float32 array, found " + header.descr());
        }
        long n = 1;
        for (long d : header.shape()) {
            n = d == 0 || n <= (Integer.MAX_VALUE / 4) / d ? n * d : Integer.MAX_VALUE;
        }
        if (n > (Integer.MAX_VALUE - 64) / 4) {
            throw new ProbeException(file, "shape " + Arrays.toString(header.shape())
                    + " is too large for an array read whole");
        }
        try {
            if (Files.size(file) != header.dataOffset() + 4 * n) {
                throw new ProbeException(file, "holds " + (Files.size(file) - header.dataOffset())
                        + " data bytes, its shape needs " + 4 * n);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != header.dataOffset() + 4 * n) {
                throw new ProbeException(file, "holds " + (bytes.length - header.dataOffset()) + " data bytes, its shape needs "
                        + 4 * n);
            }
            float[] data = new float[(int) n];
            ByteBuffer.wrap(bytes, (int) header.dataOffset(), (int) (4 * n)).order(ByteOrder.LITTLE_ENDIAN)
                    .asFloatBuffer().get(data);
            return new FloatArray(header.shape(), data);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
