package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An output directory that appears all at once or not at all.
 *
 * <p>{@link #create} makes a temporary sibling {@code .<name>.tmp-<random>} next to the target; the caller writes into
 * {@link #path()}; {@link #commit()} renames it to the target (replacing an existing target when {@code force} was
 * given, by first renaming that aside to {@code .<name>.old-<random>} and deleting it afterwards). Closing without a
 * commit deletes the temporary tree, so a failed run leaves nothing behind:
 *
 * <pre>{@code
 * try (AtomicDirectory out = AtomicDirectory.create(target, force)) {
 *     write(out.path());
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicDirectory implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean done;

    private AtomicDirectory(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the temporary directory for {@code target}, creating missing parent directories.
     *
     * @param force whether an existing target may be replaced on commit
     * @throws ProbeException naming the target when it exists and {@code force} is false, or when the temporary
     *     directory cannot be created
     */
    public static AtomicDirectory create(Path target, boolean force) throws ProbeException {
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getParent() == null) {
            throw new ProbeException(target, "cannot write to a file system root");
        }
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new ProbeException(target, "already exists; use --force to replace it");
        }
        try {
            Files.createDirectories(absolute.getParent());
            Path temp = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".tmp-");
            return new AtomicDirectory(absolute, temp);
        } catch (IOException e) {
            throw new ProbeException(target, "cannot create the output directory: " + describe(e), e);
        }
    }

    /** The temporary directory to write into. */
    public Path path() {
        return temp;
    }

    /** The final directory. */
    public Path target() {
        return target;
    }

    /**
     * Moves the temporary directory into place with an atomic rename, replacing the target if it exists.
     *
     * @throws ProbeException naming the target when a rename fails (the old target is then restored where possible)
     * @throws IllegalStateException when already committed or closed
     */
    public synchronized void commit() throws ProbeException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        Path old = null;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                old = sibling("old");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
        } catch (IOException e) {
            restore(old);
            throw new ProbeException(target, "cannot move the finished output into place: " + describe(e), e);
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                throw new ProbeException(target, "replaced, but the previous copy could not be deleted: " + old, e);
            }
        }
    }

    /** Deletes the temporary directory unless committed; best effort, never throws. */
    @Override
    public synchronized void close() {
        if (done) {
            return;
        }
        done = true;
        try {
            deleteTree(temp);
        } catch (IOException e) {
            // best effort: a leftover hidden .tmp- directory is harmless and names what it was for
        }
    }

    private void restore(Path old) {
        if (old != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the old copy stays at its hidden .old- name
            }
        }
    }

    private Path sibling(String kind) {
        Path parent = target.getParent();
        while (true) {
            String suffix = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
            Path p = parent.resolve(String.format(Locale.ROOT, ".%s.%s-%s", target.getFileName(), kind, suffix));
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Deletes a file or a directory tree; symbolic links are deleted, not followed. A missing path is no error. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
