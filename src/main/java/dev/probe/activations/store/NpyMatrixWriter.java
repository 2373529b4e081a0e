package dev.probe.activations.store;

import dev.probe.io.HalfFloat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes a {@code [rows, cols]} C-order matrix into a NumPy {@code .npy} file whose size is fixed up front, so rows can
 * be written in any order (extraction writes batches sorted by sentence length, not corpus order).
 *
 * <p>Row {@code r} occupies bytes {@code [dataOffset + r*cols*bytes, dataOffset + (r+1)*cols*bytes)}, little-endian.
 * Rows never written read back as zeros. Writes are serialised ({@code synchronized}), since they share one buffer.
 */
public final class NpyMatrixWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final long rows;
    private final int cols;
    private final StoreDtype dtype;
    private final long dataOffset;
    private final long rowBytes;
    private final ByteBuffer buffer;

    private NpyMatrixWriter(Path file, FileChannel channel, long rows, int cols, StoreDtype dtype, long dataOffset) {
        this.file = file;
        this.channel = channel;
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
        this.dataOffset = dataOffset;
        this.rowBytes = (long) cols * dtype.bytes();
        int capacity = (int) Math.max(rowBytes, Math.min(BUFFER_BYTES, rowBytes * rows));
        this.buffer = ByteBuffer.allocateDirect(Math.max(capacity, 1)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates (or replaces) {@code file}, writes the header and extends the file to its final size
     * ({@code dataOffset + rows * cols * dtype.bytes()}; sparse where the file system allows).
     */
    public static NpyMatrixWriter create(Path file, long rows, int cols, StoreDtype dtype) throws IOException {
        Objects.requireNonNull(dtype, "dtype");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative matrix shape [" + rows + ", " + cols + "]");
        }
        if ((long) cols * dtype.bytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a row of " + cols + " columns exceeds 2 GiB");
        }
        NpyHeader header = NpyHeader.of(dtype, rows, cols);
        long size = Math.addExact(header.dataOffset(), Math.multiplyExact(rows, (long) cols * dtype.bytes()));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(channel, ByteBuffer.wrap(header.encode()), 0);
            if (size > header.dataOffset()) {
                writeFully(channel, ByteBuffer.allocate(1), size - 1);
            }
            return new NpyMatrixWriter(file, channel, rows, cols, dtype, header.dataOffset());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Opens a matrix file made by {@link #create} with the same shape and dtype to write more rows (a resumed
     * extraction): the header and the size must be exactly what {@code create} wrote.
     *
     * @throws IOException when the file is not such a matrix
     */
    public static NpyMatrixWriter reopen(Path file, long rows, int cols, StoreDtype dtype) throws IOException {
        NpyHeader header = NpyHeader.of(dtype, rows, cols);
        byte[] expected = header.encode();
        long size = Math.addExact(header.dataOffset(), Math.multiplyExact(rows, (long) cols * dtype.bytes()));
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            ByteBuffer found = ByteBuffer.allocate(expected.length);
            while (found.hasRemaining() && channel.read(found, found.position()) > 0) {
                // read the header
            }
            if (channel.size() != size || !ByteBuffer.wrap(expected).equals(found.flip())) {
                throw new IOException(file + " is not the matrix this extraction started (header or size differs)");
            }
            return new NpyMatrixWriter(file, channel, rows, cols, dtype, header.dataOffset());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Flushes the rows written so far to the storage device. */
    public void force() throws IOException {
        channel.force(false);
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /**
     * Writes {@code rowCount} consecutive rows starting at row {@code firstRow}, taken from {@code data} in row-major
     * order starting at {@code offset} ({@code rowCount * cols} floats). Values are narrowed to float16 (round to
     * nearest even) when the dtype is {@link StoreDtype#FLOAT16}.
     *
     * @throws IndexOutOfBoundsException when the rows or the source range fall outside the matrix or the array
     */
    public synchronized void writeRows(long firstRow, float[] data, int offset, int rowCount) throws IOException {
        Objects.checkFromIndexSize(firstRow, rowCount, rows);
        Objects.checkFromIndexSize(offset, (long) rowCount * cols, data.length);
        if (!channel.isOpen()) {
            throw new IllegalStateException("writer is closed: " + file);
        }
        int rowsPerChunk = (int) (buffer.capacity() / Math.max(rowBytes, 1));
        for (int done = 0; done < rowCount; ) {
            int n = Math.min(rowsPerChunk, rowCount - done);
            int from = offset + done * cols;
            int count = n * cols;
            buffer.clear();
            if (dtype == StoreDtype.FLOAT32) {
                buffer.asFloatBuffer().put(data, from, count);
                buffer.position(count * Float.BYTES);
            } else {
                for (int k = 0; k < count; k++) {
                    buffer.putShort(HalfFloat.floatToF16(data[from + k]));
                }
            }
            buffer.flip();
            writeFully(channel, buffer, dataOffset + (firstRow + done) * rowBytes);
            done += n;
        }
    }

    /** Closes the file; the header and size were written at creation, so the file is complete once all rows are. */
    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }
}
