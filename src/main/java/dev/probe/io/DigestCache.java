package dev.probe.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * SHA-256 digests of large files (model checkpoints), computed once and remembered in a JSON file keyed by the file's
 * real path, size and modification time, so a 1 GB checkpoint is not read again on every run. A file whose size or
 * modification time changed is hashed again.
 *
 * <p>A digest is remembered only when the file had not been modified for {@value #SETTLED_MS} ms when it was hashed:
 * a file changed again within the resolution of its timestamp (up to 2 s on some file systems) could otherwise keep
 * its size and time with new bytes ("racy" entries, as git calls them). Such a file is hashed again until it settles.
 *
 * <p>The cache file is replaced atomically; several processes may share it (the last writer wins, and an entry lost
 * that way is only hashed again). An unreadable cache file counts as empty; one that cannot be written is left as it
 * is: remembering digests saves time, it never changes a result.
 */
public final class DigestCache {
    /** The cache file's name inside the model cache. */
    public static final String FILE_NAME = "digests.json";
    /** How long a file must have been left unmodified before its digest is remembered. */
    public static final long SETTLED_MS = 2000;

    private final Path cacheFile;

    /**
     * One remembered digest.
     *
     * @param size the file's size in bytes when hashed
     * @param mtimeNs its modification time, in nanoseconds since the epoch
     * @param sha256 the digest, lower-case hex
     * @param hashedAt when it was hashed (UTC)
     */
    record Entry(long size, long mtimeNs, String sha256, String hashedAt) {
    }

    /** The cache file's content: real path → entry. */
    record Content(int formatVersion, Map<String, Entry> entries) {
        Content {
            entries = new TreeMap<>(entries == null ? Map.of() : entries);
        }
    }

    /** A cache kept in {@code cacheFile} (created on first use, with its folder). */
    public DigestCache(Path cacheFile) {
        this.cacheFile = cacheFile;
    }

    /** The cache file. */
    public Path file() {
        return cacheFile;
    }

    /**
     * The SHA-256 of a file's bytes, lower-case hex: the remembered one when the file's real path, size and
     * modification time match an entry, else computed (and remembered once the file has settled).
     *
     * @throws IOException when the file cannot be read
     */
    public synchronized String sha256(Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class);
        long mtimeNs = before.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Content content = read();
        Entry known = content.entries().get(real.toString());
        if (known != null && known.size() == before.size() && known.mtimeNs() == mtimeNs) {
            return known.sha256();
        }
        long hashedAtMs = System.currentTimeMillis();
        String digest = Hashes.sha256(real);
        BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class);
        boolean unchanged = after.size() == before.size() && after.lastModifiedTime().equals(before.lastModifiedTime());
        if (unchanged && hashedAtMs - before.lastModifiedTime().toMillis() >= SETTLED_MS) {
            content.entries().put(real.toString(), new Entry(before.size(), mtimeNs, digest,
                    Instant.ofEpochMilli(hashedAtMs).toString()));
            content.entries().keySet().removeIf(path -> !Files.exists(Path.of(path)));
            write(content);
        }
        return digest;
    }

    private Content read() {
        try {
            Content content = Json.reader(Content.class).readValue(Files.readString(cacheFile, StandardCharsets.UTF_8));
            return content != null && content.formatVersion() == 1 ? content : empty();
        } catch (IOException e) { // missing, unreadable or corrupt: start again
            return empty();
        }
    }

    private static Content empty() {
        return new Content(1, Map.of());
    }

    private void write(Content content) {
        Path tmp = null;
        try {
            Path dir = cacheFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + FILE_NAME + ".", ".tmp");
            Files.writeString(tmp, Json.writer(Content.class).writeValueAsString(content) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, cacheFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the digest cache", e);
        } catch (IOException e) {
            // best effort: the digest is still correct, it will only be computed again next time
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file in the model cache is harmless
                }
            }
        }
    }
}
