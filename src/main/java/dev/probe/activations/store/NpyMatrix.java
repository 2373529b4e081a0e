package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.io.HalfFloat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A read-only, memory-mapped view of a 2-D {@code .npy} matrix of shape {@code [rows, cols]} (C order, {@code <f4} or
 * {@code <f2}); values are returned as float32 whatever the stored dtype.
 *
 * <p>The data is mapped as consecutive segments of whole rows, each at most {@code Integer.MAX_VALUE} bytes, so files
 * over 2 GiB work and no row straddles two segments. Nothing is copied into the heap beyond what a caller reads. Reads
 * use absolute indexing only, so one instance may be read from many threads. {@link #close()} drops the mappings; the
 * operating system unmaps them when they are garbage-collected.
 */
public final class NpyMatrix implements AutoCloseable {
    private final List<Path> files;
    private final NpyHeader header;
    private final long rows;
    private final int cols;
    private final StoreDtype dtype;
    private final long[] segmentStarts;
    private final Path[] segmentFiles;
    private volatile Segment[] segments;

    /** One mapped run of {@code rows} whole rows from matrix row {@code first}, as floats or float16 bits. */
    private record Segment(long first, long rows, MappedByteBuffer bytes, FloatBuffer f32, ShortBuffer f16) {
    }

    private NpyMatrix(List<Path> files, NpyHeader first, long rows, Segment[] segments, Path[] segmentFiles) {
        this.files = files;
        this.header = first;
        this.rows = rows;
        this.cols = (int) first.shape()[1];
        this.dtype = first.dtype();
        this.segments = segments;
        this.segmentFiles = segmentFiles;
        this.segmentStarts = new long[segments.length];
        for (int s = 0; s < segments.length; s++) {
            segmentStarts[s] = segments[s].first();
        }
    }

    /**
     * Maps a {@code .npy} matrix.
     *
     * @throws ProbeException naming the file when it is unreadable, not a 2-D little-endian float32/float16 C-order
     *     array, or shorter or longer than its header says
     */
    public static NpyMatrix open(Path file) throws ProbeException {
        return open(List.of(file), Integer.MAX_VALUE);
    }

    /**
     * Maps several {@code .npy} matrices of the same columns and dtype as one matrix, their rows one after the other
     * (a store merged from shards by reference). Nothing is copied.
     *
     * @param files the parts in row order, at least one
     * @throws ProbeException naming the file at fault, as {@link #open(Path)}, or when a part's columns or dtype differ
     *     from the first's
     */
    public static NpyMatrix open(List<Path> files) throws ProbeException {
        return open(files, Integer.MAX_VALUE);
    }

    /** As {@link #open(Path)}, with segments of at most {@code maxSegmentBytes} (at least one row; tests use less). */
    static NpyMatrix open(Path file, long maxSegmentBytes) throws ProbeException {
        return open(List.of(file), maxSegmentBytes);
    }

    /** As {@link #open(List)}, with segments of at most {@code maxSegmentBytes} (at least one row; tests use less). */
    static NpyMatrix open(List<Path> files, long maxSegmentBytes) throws ProbeException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no matrix file");
        }
        List<Segment> segments = new ArrayList<>();
        List<Path> segmentFiles = new ArrayList<>();
        NpyHeader first = null;
        long rows = 0;
        for (Path file : files) {
            NpyHeader header = NpyHeader.read(file);
            long[] shape = header.shape();
            if (shape.length != 2) {
                throw new ProbeException(file, "expected a 2-D matrix [words, neurons], found shape "
                        + Arrays.toString(shape));
            }
            if (first != null && (shape[1] != first.shape()[1] || header.dtype() != first.dtype())) {
                throw new ProbeException(file, "shape " + Arrays.toString(shape) + " of " + header.dtype().descr()
                        + " does not continue " + files.get(0) + " (" + first.shape()[1] + " columns of "
                        + first.dtype().descr() + ")");
            }
            first = first == null ? header : first;
            int before = segments.size();
            rows = map(file, header, rows, maxSegmentBytes, segments);
            for (int s = before; s < segments.size(); s++) {
                segmentFiles.add(file);
            }
        }
        return new NpyMatrix(List.copyOf(files), first, rows, segments.toArray(Segment[]::new),
                segmentFiles.toArray(Path[]::new));
    }

    /** Maps one file's rows as segments numbered on from {@code firstRow}; returns the row after its last. */
    private static long map(Path file, NpyHeader header, long firstRow, long maxSegmentBytes, List<Segment> out)
            throws ProbeException {
        long[] shape = header.shape();
        if (shape[1] > Integer.MAX_VALUE) {
            throw new ProbeException(file, "too many columns: " + shape[1]);
        }
        StoreDtype dtype = header.dtype();
        long rowBytes = shape[1] * dtype.bytes();
        if (rowBytes > Integer.MAX_VALUE) {
            throw new ProbeException(file, "a row of " + rowBytes + " bytes is too large to map");
        }
        long dataBytes;
        try {
            dataBytes = Math.multiplyExact(shape[0], rowBytes);
        } catch (ArithmeticException e) {
            throw new ProbeException(file, "implausible shape " + Arrays.toString(shape), e);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long actual = channel.size() - header.dataOffset();
            if (actual != dataBytes) {
                throw new ProbeException(file, String.format(Locale.ROOT,
                        "%s matrix: shape %s of %s needs %d data bytes after the %d-byte header, found %d",
                        actual < dataBytes ? "truncated" : "oversized", Arrays.toString(shape), dtype.descr(),
                        dataBytes, header.dataOffset(), actual));
            }
            if (rowBytes == 0) {
                return firstRow + shape[0];
            }
            long rowsPerSegment = Math.max(1, maxSegmentBytes / rowBytes);
            for (long done = 0; done < shape[0]; done += rowsPerSegment) {
                long n = Math.min(rowsPerSegment, shape[0] - done);
                MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY,
                        header.dataOffset() + done * rowBytes, n * rowBytes);
                map.order(ByteOrder.LITTLE_ENDIAN);
                out.add(dtype == StoreDtype.FLOAT32 ? new Segment(firstRow + done, n, map, map.asFloatBuffer(), null)
                        : new Segment(firstRow + done, n, map, null, map.asShortBuffer()));
            }
            return firstRow + shape[0];
        } catch (IOException e) {
            throw new ProbeException(file, "cannot map: " + e.getMessage(), e);
        }
    }

    /** The mapped file (the first, for a matrix of several files). */
    public Path file() {
        return files.get(0);
    }

    /** The mapped files, in row order: one, or the parts of a store merged by reference. */
    public List<Path> files() {
        return files;
    }

    /** The file that holds row {@code row}: for messages that name the file at fault. */
    public Path fileOf(long row) {
        Objects.checkIndex(row, rows);
        return segmentFiles.length == 0 ? file() : segmentFiles[segmentIndex(row)];
    }

    /** The (first) file's header. */
    public NpyHeader header() {
        return header;
    }

    /** Number of rows (words). */
    public long rows() {
        return rows;
    }

    /** Number of columns (neurons). */
    public int cols() {
        return cols;
    }

    /** The stored element type. */
    public StoreDtype dtype() {
        return dtype;
    }

    /** The size in bytes of the file(s): headers plus {@code rows * cols * dtype.bytes()}. */
    public long sizeBytes() {
        long headers = header.dataOffset() * files.size();
        return headers + rows * cols * dtype.bytes();
    }

    /** Copies row {@code row} ({@code cols} values) into {@code dst[dstOffset ..]}. */
    public void readRow(long row, float[] dst, int dstOffset) {
        readRows(row, 1, dst, dstOffset);
    }

    /** Copies {@code count} consecutive rows from {@code firstRow} into {@code dst[0 .. count*cols)}, row-major. */
    public void readRows(long firstRow, int count, float[] dst) {
        readRows(firstRow, count, dst, 0);
    }

    /** Copies {@code count} consecutive rows from {@code firstRow} into {@code dst[dstOffset ..]}, row-major. */
    public void readRows(long firstRow, int count, float[] dst, int dstOffset) {
        Objects.checkFromIndexSize(firstRow, count, rows);
        Objects.checkFromIndexSize(dstOffset, (long) count * cols, dst.length);
        Segment[] segs = segments();
        if (cols == 0) {
            return;
        }
        int out = dstOffset;
        for (long row = firstRow; row < firstRow + count; ) {
            Segment seg = segs[segmentIndex(row)];
            long local = row - seg.first;
            int n = (int) Math.min(seg.rows - local, firstRow + count - row);
            int index = (int) (local * cols);
            int len = n * cols;
            if (seg.f32 != null) {
                seg.f32.get(index, dst, out, len);
            } else {
                for (int k = 0; k < len; k++) {
                    dst[out + k] = HalfFloat.f16ToFloat(seg.f16.get(index + k));
                }
            }
            out += len;
            row += n;
        }
    }

    /**
     * Gathers the columns {@code colsSubset} of row {@code row} into {@code dst[dstOffset .. dstOffset +
     * colsSubset.length)}, in the order given (a probe on chosen neurons reads only those).
     */
    public void readRow(long row, int[] colsSubset, float[] dst, int dstOffset) {
        Objects.checkIndex(row, rows);
        Objects.checkFromIndexSize(dstOffset, colsSubset.length, dst.length);
        if (colsSubset.length == 0) {
            return;
        }
        Segment seg = segments()[segmentIndex(row)];
        int base = (int) ((row - seg.first) * cols);
        for (int k = 0; k < colsSubset.length; k++) {
            int index = base + Objects.checkIndex(colsSubset[k], cols);
            dst[dstOffset + k] = seg.f32 != null ? seg.f32.get(index) : HalfFloat.f16ToFloat(seg.f16.get(index));
        }
    }

    /**
     * Appends row {@code row} ({@code cols} values) to {@code dst} at its position, which advances. {@code dst} may be
     * a view of a direct buffer handed to native code, so rows reach it without a heap copy.
     */
    public void readRow(long row, FloatBuffer dst) {
        Objects.checkIndex(row, rows);
        Segment seg = segments()[segmentIndex(row)];
        int index = (int) ((row - seg.first) * cols);
        int at = dst.position();
        if (seg.f32 != null) {
            dst.put(at, seg.f32, index, cols);
        } else {
            for (int k = 0; k < cols; k++) {
                dst.put(at + k, HalfFloat.f16ToFloat(seg.f16.get(index + k)));
            }
        }
        dst.position(at + cols);
    }

    /** How many rows from {@code row} on (itself included) lie in the same mapped segment. */
    public long rowsInSegmentFrom(long row) {
        Objects.checkIndex(row, rows);
        Segment seg = segments()[segmentIndex(row)];
        return seg.first + seg.rows - row;
    }

    /**
     * Rows {@code [first, first + count)} as a direct, read-only buffer over the mapping itself (no copy), in the
     * file's little-endian layout: for handing to native code. The buffer keeps the mapping alive. The rows must lie
     * in one segment ({@link #rowsInSegmentFrom}).
     */
    public ByteBuffer mappedRows(long first, int count) {
        Objects.checkFromIndexSize(first, count, rows);
        if (count > rowsInSegmentFrom(first)) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + count - 1) + " span two segments");
        }
        Segment seg = segments()[segmentIndex(first)];
        long rowBytes = (long) cols * dtype.bytes();
        int offset = (int) ((first - seg.first) * rowBytes);
        return seg.bytes.slice(offset, (int) (count * rowBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The value at {@code [row, col]}. */
    public float get(long row, int col) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(col, cols);
        Segment seg = segments()[segmentIndex(row)];
        int index = (int) ((row - seg.first) * cols) + col;
        return seg.f32 != null ? seg.f32.get(index) : HalfFloat.f16ToFloat(seg.f16.get(index));
    }

    /** The number of mapped segments (package-private, for tests). */
    int segmentCount() {
        return segments().length;
    }

    /** Drops the mappings; later reads throw {@link IllegalStateException}. */
    @Override
    public void close() {
        segments = null;
    }

    /** The segment holding a valid row: the last whose first row is at most {@code row}. */
    private int segmentIndex(long row) {
        if (segmentStarts.length == 1) {
            return 0;
        }
        int i = Arrays.binarySearch(segmentStarts, row);
        return i >= 0 ? i : -i - 2;
    }

    private Segment[] segments() {
        Segment[] segs = segments;
        if (segs == null) {
            throw new IllegalStateException("matrix is closed: " + file());
        }
        return segs;
    }

    @Override
    public String toString() {
        return "NpyMatrix[" + (files.size() == 1 ? file() : files) + ", " + rows + " x " + cols + ", " + dtype + "]";
    }
}
