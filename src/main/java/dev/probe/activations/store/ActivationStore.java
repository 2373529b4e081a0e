package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An opened activation store (see the package documentation for the layout): its manifest, the memory-mapped
 * {@code [words, neurons]} matrix and, loaded on first use, the per-row tokens.
 *
 * <p>{@link #open} checks that the three files agree, so later stages can rely on {@code matrix().rows() ==
 * manifest().counts().words() == tokens().size()} and {@code matrix().cols() == manifest().neurons()}.
 */
public final class ActivationStore implements AutoCloseable {
    /** The matrix file name. */
    public static final String MATRIX_FILE = "activations.npy";
    /** The tokens file name. */
    public static final String TOKENS_FILE = "tokens.tsv";

    private final Path dir;
    private final StoreManifest manifest;
    private final NpyMatrix matrix;
    private List<TokenRow> tokens;

    private ActivationStore(Path dir, StoreManifest manifest, NpyMatrix matrix) {
        this.dir = dir;
        this.manifest = manifest;
        this.matrix = matrix;
    }

    /**
     * Opens the store in {@code dir}.
     *
     * @throws ProbeException naming the file at fault when the directory or a file is missing or unreadable, or when
     *     the matrix shape or dtype disagrees with the manifest, or the number of token rows with the matrix
     */
    public static ActivationStore open(Path dir) throws ProbeException {
        if (!Files.isDirectory(dir)) {
            throw new ProbeException(dir, Files.exists(dir) ? "not a directory; expected an activation store"
                    : "activation store not found");
        }
        StoreManifest manifest = StoreManifest.read(dir);
        NpyMatrix matrix = NpyMatrix.open(matrixFiles(dir, manifest));
        try {
            checkParts(dir, manifest, matrix);
            long words = manifest.counts().words();
            if (matrix.rows() != words || matrix.cols() != manifest.neurons()) {
                throw new ProbeException(matrix.file(), "shape [" + matrix.rows() + ", " + matrix.cols()
                        + "] disagrees with " + StoreManifest.FILE_NAME + " (" + words + " words × "
                        + manifest.neurons() + " neurons)");
            }
            if (matrix.dtype() != StoreDtype.parse(manifest.dtype())) {
                throw new ProbeException(matrix.file(), "dtype " + matrix.dtype() + " disagrees with "
                        + StoreManifest.FILE_NAME + " (" + manifest.dtype() + ")");
            }
            Path tokensFile = dir.resolve(TOKENS_FILE);
            long tokenRows = TokensTable.countRows(tokensFile, manifest.input().columns());
            if (tokenRows != matrix.rows()) {
                throw new ProbeException(tokensFile, tokenRows + " token rows, but " + MATRIX_FILE + " has "
                        + matrix.rows() + " rows");
            }
            return new ActivationStore(dir, manifest, matrix);
        } catch (ProbeException | RuntimeException e) {
            matrix.close();
            throw e;
        }
    }

    /**
     * The files that hold a store's matrix: its {@code activations.npy}, or, for a store merged by reference, each
     * shard's, resolved against the store folder.
     */
    public static List<Path> matrixFiles(Path dir, StoreManifest manifest) {
        MergedShards merged = manifest.merged();
        if (merged == null || !merged.byReference()) {
            return List.of(dir.resolve(MATRIX_FILE));
        }
        return merged.parts().stream().map(p -> dir.resolve(p.matrix()).normalize()).toList();
    }

    /** A store merged by reference: each part file must hold the rows its shard range says. */
    private static void checkParts(Path dir, StoreManifest manifest, NpyMatrix matrix) throws ProbeException {
        MergedShards merged = manifest.merged();
        if (merged == null || !merged.byReference()) {
            return;
        }
        long row = 0;
        for (MergedShards.Part part : merged.parts()) {
            Path file = dir.resolve(part.matrix()).normalize();
            if (part.shard().firstRow() != row || !matrix.fileOf(row).equals(file)) {
                throw new ProbeException(dir.resolve(StoreManifest.FILE_NAME), "part " + part.shard().label()
                        + " (" + file + ") does not start at row " + row + " of the merged matrix");
            }
            row = part.shard().endRow();
        }
    }

    /** The store directory. */
    public Path dir() {
        return dir;
    }

    /** The SHA-256 of the store's {@code manifest.json}: how artifacts made from the store name it. */
    public String manifestSha256() throws ProbeException {
        return manifestSha256(dir);
    }

    /** The SHA-256 of the {@code manifest.json} in a store folder, without opening the store. */
    public static String manifestSha256(Path dir) throws ProbeException {
        Path file = dir.resolve(StoreManifest.FILE_NAME);
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** The manifest. */
    public StoreManifest manifest() {
        return manifest;
    }

    /** The {@code [words, neurons]} matrix. */
    public NpyMatrix matrix() {
        return matrix;
    }

    /** One row per matrix row, read from {@code tokens.tsv} on the first call (unmodifiable). */
    public synchronized List<TokenRow> tokens() throws ProbeException {
        if (tokens == null) {
            Path file = dir.resolve(TOKENS_FILE);
            List<TokenRow> rows = TokensTable.read(file, manifest.input().columns());
            if (rows.size() != matrix.rows()) {
                throw new ProbeException(file, rows.size() + " token rows, but " + MATRIX_FILE + " has "
                        + matrix.rows() + " rows");
            }
            tokens = List.copyOf(rows);
        }
        return tokens;
    }

    /**
     * The column a {@code --label} value names, as stored.
     *
     * @param requested a column name or number, or null for the store's default label
     * @throws ProbeException naming the manifest and the columns the store keeps, when none matches
     */
    public String labelColumn(String requested) throws ProbeException {
        try {
            return manifest.input().column(requested);
        } catch (IllegalArgumentException e) {
            throw new ProbeException(dir.resolve(StoreManifest.FILE_NAME), e.getMessage());
        }
    }

    /**
     * Every row's value in one annotation column.
     *
     * @param requested a column name or number ({@link #labelColumn}), or null for the default label
     */
    public List<String> labels(String requested) throws ProbeException {
        int column = manifest.input().columns().indexOf(labelColumn(requested));
        return tokens().stream().map(row -> row.value(column)).toList();
    }

    /** Releases the matrix mapping. */
    @Override
    public void close() {
        matrix.close();
    }
}
