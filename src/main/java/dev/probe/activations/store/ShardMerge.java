package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code probe merge}: joins the shard stores of one corpus ({@link ShardSet}) into one store. Its {@code tokens.tsv}
 * is the shards' rows in order and its manifest the whole corpus's; its matrix is either the shards' files, read in
 * place ({@link MergedShards#byReference()}), or one {@code activations.npy} holding their bytes one after the other.
 * Either way every stage reads it as the single-process extraction's store, byte for byte: same rows, same tokens
 * (a copy is the same file).
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /**
     * Merges shard stores into a new store at {@code out}, written to a temporary folder and renamed into place.
     *
     * @param shardDirs the shard stores, in any order
     * @param byCopy copy the shards' matrices into one file instead of referring to them
     * @param force replace a store this tool wrote at {@code out}
     * @return the merged store's manifest
     * @throws ProbeException naming the shard at fault when the shards do not make up one corpus (see
     *     {@link ShardSet#read}) or one does not open, or naming {@code out} when it may not be written
     */
    public static StoreManifest merge(List<Path> shardDirs, Path out, boolean byCopy, boolean force)
            throws ProbeException {
        OutputGuard.check(out, OutputKind.STORE, force, shardDirs);
        ShardSet set = ShardSet.read(shardDirs);
        List<MergedShards.Part> parts = new ArrayList<>();
        Path target = out.toAbsolutePath().normalize();
        for (int i = 0; i < set.dirs().size(); i++) {
            Path dir = set.dirs().get(i);
            try (ActivationStore store = ActivationStore.open(dir)) {
                Path matrix = dir.resolve(ActivationStore.MATRIX_FILE).toAbsolutePath().normalize();
                parts.add(new MergedShards.Part(dir.toAbsolutePath().normalize().toString(),
                        byCopy ? null : reference(target, matrix), store.manifestSha256(), sha256(matrix),
                        set.manifests().get(i).shard()));
            }
        }
        StoreManifest manifest = set.merged(new MergedShards(!byCopy, parts));
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.STORE, force)) {
            try {
                if (byCopy) {
                    copyMatrix(set, manifest, dir.path().resolve(ActivationStore.MATRIX_FILE));
                }
                concatenateTokens(set.dirs(), dir.path().resolve(ActivationStore.TOKENS_FILE));
                manifest.write(dir.path());
            } catch (IOException e) {
                throw new ProbeException(out, "cannot write the merged store: " + e.getMessage(), e);
            }
            dir.commit();
        }
        return manifest;
    }

    /** The matrix file as seen from the merged store's folder: relative when both lie on one root. */
    private static String reference(Path store, Path matrix) {
        if (store.getRoot() != null && store.getRoot().equals(matrix.getRoot())) {
            return store.relativize(matrix).toString();
        }
        return matrix.toString();
    }

    /** The SHA-256 of a file, as a part's digest. */
    public static String sha256(Path file) throws ProbeException {
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** One {@code .npy}: the header a single extraction writes for the whole shape, then each shard's data bytes. */
    private static void copyMatrix(ShardSet set, StoreManifest manifest, Path file) throws IOException,
            ProbeException {
        NpyHeader header = NpyHeader.of(StoreDtype.parse(manifest.dtype()), manifest.counts().words(),
                manifest.neurons());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.wrap(header.encode());
            while (head.hasRemaining()) {
                out.write(head);
            }
            for (Path dir : set.dirs()) {
                Path part = dir.resolve(ActivationStore.MATRIX_FILE);
                long offset = NpyHeader.read(part).dataOffset();
                try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
                    long size = in.size();
                    for (long at = offset; at < size; ) {
                        at += in.transferTo(at, size - at, out);
                    }
                }
            }
        }
    }

    /** The first shard's {@code tokens.tsv}, then every other's without its header line (which must be the same). */
    private static void concatenateTokens(List<Path> dirs, Path file) throws IOException, ProbeException {
        byte[] header = null;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            for (Path dir : dirs) {
                Path tokens = dir.resolve(ActivationStore.TOKENS_FILE);
                try (InputStream in = Files.newInputStream(tokens)) {
                    byte[] line = headerLine(in, tokens);
                    if (header == null) {
                        header = line;
                        out.write(line);
                    } else if (!Arrays.equals(header, line)) {
                        throw new ProbeException(tokens, 1, "header differs from the first shard's: "
                                + new String(line, StandardCharsets.UTF_8).strip(), null);
                    }
                    in.transferTo(out);
                }
            }
        }
    }

    private static byte[] headerLine(InputStream in, Path file) throws IOException, ProbeException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            line.write(b);
            if (b == '\n') {
                return line.toByteArray();
            }
            if (line.size() > 1 << 20) {
                break;
            }
        }
        throw new ProbeException(file, 1, "no header line", null);
    }
}
