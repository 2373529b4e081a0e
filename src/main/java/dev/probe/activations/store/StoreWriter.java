package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Writes an activation store atomically: the matrix rows first, in any order, then {@link #commit} with the tokens and
 * the manifest. Until the commit everything lives in a hidden temporary sibling of the output directory; closing
 * without a commit deletes it, so a failed extraction leaves no half-written store.
 *
 * <pre>{@code
 * try (StoreWriter w = StoreWriter.create(out, force, words, neurons, StoreDtype.FLOAT16)) {
 *     w.writeRows(firstRow, batch, 0, batchRows);   // [batchRows, neurons], row-major
 *     ...
 *     w.commit(tokens, manifest);
 * }
 * }</pre>
 */
public final class StoreWriter implements AutoCloseable {
    private final AtomicDirectory directory;
    private final NpyMatrixWriter matrix;
    private final long rows;
    private final int cols;
    private final StoreDtype dtype;
    private long rowsWritten;
    private boolean committed;

    private StoreWriter(AtomicDirectory directory, NpyMatrixWriter matrix, long rows, int cols, StoreDtype dtype) {
        this.directory = directory;
        this.matrix = matrix;
        this.rows = rows;
        this.cols = cols;
        this.dtype = dtype;
    }

    /**
     * Starts a new store of {@code rows} words by {@code cols} neurons at {@code out}.
     *
     * @param force whether an existing store at {@code out} is replaced on commit
     * @throws ProbeException when {@code out} may not be written, or the matrix file cannot be created
     */
    public static StoreWriter create(Path out, boolean force, long rows, int cols, StoreDtype dtype)
            throws ProbeException {
        return create(AtomicDirectory.create(out, OutputKind.STORE, force), rows, cols, dtype, false);
    }

    /**
     * Starts a store of {@code rows} words by {@code cols} neurons in an output folder: a new matrix, or, when
     * {@code resume}, the matrix an interrupted run left in the folder (same shape and dtype).
     *
     * @param directory the output folder (its work folder receives the files; the writer closes it)
     * @throws ProbeException when the matrix file cannot be created, or cannot be resumed
     */
    public static StoreWriter create(AtomicDirectory directory, long rows, int cols, StoreDtype dtype, boolean resume)
            throws ProbeException {
        Path file = directory.path().resolve(ActivationStore.MATRIX_FILE);
        try {
            NpyMatrixWriter matrix = resume ? NpyMatrixWriter.reopen(file, rows, cols, dtype)
                    : NpyMatrixWriter.create(file, rows, cols, dtype);
            return new StoreWriter(directory, matrix, rows, cols, dtype);
        } catch (IOException | RuntimeException e) {
            directory.close();
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new ProbeException(directory.target(), "cannot " + (resume ? "reopen" : "create")
                    + " the activation matrix: " + e.getMessage(), e);
        }
    }

    /** Flushes the rows written so far to disk (before a checkpoint records them). */
    public void sync() throws IOException {
        matrix.force();
    }

    /** Counts rows written by an earlier, interrupted run as written. */
    public synchronized void countResumedRows(long resumedRows) {
        rowsWritten += resumedRows;
    }

    /**
     * Writes {@code rowCount} rows starting at matrix row {@code firstRow} from {@code data[offset ..]}
     * ({@code [rowCount, cols]}, row-major). Each row must be written exactly once, in any order.
     */
    public synchronized void writeRows(long firstRow, float[] data, int offset, int rowCount) throws ProbeException {
        try {
            matrix.writeRows(firstRow, data, offset, rowCount);
            rowsWritten += rowCount;
        } catch (IOException e) {
            throw new ProbeException(matrix.file(), "cannot write activations: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code tokens.tsv} and {@code manifest.json}, finishes the matrix and moves the store into place.
     *
     * @throws IllegalArgumentException when there is not one token per row, or the manifest disagrees with the shape
     * @throws IllegalStateException when not every row was written
     * @throws ProbeException when a file cannot be written or the directory cannot be moved into place
     */
    public synchronized void commit(List<TokenRow> tokens, StoreManifest manifest) throws ProbeException {
        Objects.requireNonNull(manifest, "manifest");
        if (tokens.size() != rows) {
            throw new IllegalArgumentException("expected one token per matrix row: " + rows + " rows, "
                    + tokens.size() + " tokens");
        }
        if (manifest.counts().words() != rows || manifest.neurons() != cols
                || StoreDtype.parse(manifest.dtype()) != dtype) {
            throw new IllegalArgumentException("manifest (" + manifest.counts().words() + " words × "
                    + manifest.neurons() + " neurons, " + manifest.dtype() + ") disagrees with the matrix (" + rows
                    + " × " + cols + ", " + dtype + ")");
        }
        if (rowsWritten != rows) {
            throw new IllegalStateException(rowsWritten + " of " + rows + " rows were written");
        }
        Path dir = directory.path();
        try {
            matrix.close();
            TokensTable.write(dir.resolve(ActivationStore.TOKENS_FILE), manifest.input().columns(), tokens);
            manifest.write(dir);
        } catch (IOException e) {
            throw new ProbeException(directory.target(), "cannot write the store: " + e.getMessage(), e);
        }
        directory.commit();
        committed = true;
    }

    /** Releases the matrix file; without a commit, deletes everything written. */
    @Override
    public synchronized void close() throws ProbeException {
        try {
            matrix.close();
        } catch (IOException e) {
            if (!committed) {
                directory.close();
            }
            throw new ProbeException(matrix.file(), "cannot close: " + e.getMessage(), e);
        }
        if (!committed) {
            directory.close();
        }
    }
}
