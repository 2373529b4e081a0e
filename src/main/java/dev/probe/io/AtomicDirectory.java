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
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder that appears all at once or not at all, written by one process at a time.
 *
 * <p>{@link #create} checks the target ({@link OutputGuard}), becomes its only writer ({@link OutputLock}) and hands
 * out the work folder {@code .<name>.tmp} to write into. {@link #commit()} flushes every file and folder to disk, then
 * renames the work folder to the target (an existing target, which must be an output of the same kind and may only be
 * replaced with {@code force}, is first renamed aside to {@code .<name>.old-<random>} and deleted afterwards). Closing
 * without a commit deletes the work folder. On Ctrl-C or SIGTERM a shutdown hook deletes it too, unless an
 * {@link InterruptHandler} keeps it (a resumable extraction). A work folder left by a killed process is taken over by
 * the next writer: cleared, or kept for {@code --resume}.
 *
 * <pre>{@code
 * try (AtomicDirectory out = AtomicDirectory.create(target, OutputKind.PROBE, force)) {
 *     write(out.path());
 *     out.commit();
 * }
 * }</pre>
 */
public final class AtomicDirectory implements AutoCloseable {
    /** Decides, when the process is interrupted, whether the work folder is kept. */
    @FunctionalInterface
    public interface InterruptHandler {
        /**
         * Called from a shutdown hook before the work folder would be deleted.
         *
         * @return true to keep the work folder (for a later resume)
         */
        boolean keepOnInterrupt();
    }

    private final Path target;
    private final Path temp;
    private final OutputKind kind;
    private final boolean force;
    private final String nonce = OutputLock.newNonce();
    private final Thread hook;
    private OutputLock lock;
    private boolean resumed;
    private InterruptHandler handler;
    private boolean keepOnClose;
    private boolean done;

    private AtomicDirectory(Path target, OutputKind kind, boolean force) {
        this.target = target.toAbsolutePath().normalize();
        this.temp = OutputLock.workFolder(this.target);
        this.kind = kind;
        this.force = force;
        this.hook = new Thread(this::interrupted, "probe-interrupt-" + this.target.getFileName());
    }

    /**
     * Becomes the writer of {@code target} with an empty work folder.
     *
     * @param kind what is written (an existing target must be of this kind to be replaced)
     * @param force whether an existing target may be replaced on commit
     * @throws ProbeException naming the target when it may not be written ({@link OutputGuard}), another process
     *     writes it ({@link OutputBusyException}), or the work folder cannot be created
     */
    public static AtomicDirectory create(Path target, OutputKind kind, boolean force) throws ProbeException {
        return create(target, kind, force, false);
    }

    /**
     * As {@link #create(Path, OutputKind, boolean)}; with {@code keepLeftover}, a work folder left by a writer that is
     * gone keeps its content ({@link #resumed()}), otherwise it is cleared.
     */
    public static AtomicDirectory create(Path target, OutputKind kind, boolean force, boolean keepLeftover)
            throws ProbeException {
        OutputGuard.check(target, kind, force, List.of());
        AtomicDirectory dir = new AtomicDirectory(target, kind, force);
        Runtime.getRuntime().addShutdownHook(dir.hook); // before the work folder appears: no moment without cleanup
        OutputLock lock;
        try {
            lock = OutputLock.acquire(target, dir.nonce);
        } catch (ProbeException | RuntimeException e) {
            dir.release();
            throw e;
        }
        try {
            if (lock.tookOver() && !keepLeftover) {
                clear(lock.workFolder());
            }
            dir.owned(lock, lock.tookOver() && keepLeftover);
            return dir;
        } catch (IOException | RuntimeException e) {
            lock.close();
            dir.release();
            throw new ProbeException(target, "cannot clear the temporary folder left by an earlier run: "
                    + OutputLock.describe(e instanceof IOException io ? io : new IOException(e)), e);
        }
    }

    private synchronized void owned(OutputLock outputLock, boolean leftover) {
        this.lock = outputLock;
        this.resumed = leftover;
    }

    /** The work folder to write into. */
    public Path path() {
        return temp;
    }

    /** The final folder (absolute). */
    public Path target() {
        return target;
    }

    /** Whether the work folder holds what an interrupted earlier run left (only when asked to keep it). */
    public synchronized boolean resumed() {
        return resumed;
    }

    /** Sets what happens on Ctrl-C or SIGTERM (default: the work folder is deleted). */
    public synchronized void onInterrupt(InterruptHandler interruptHandler) {
        this.handler = interruptHandler;
    }

    /** Makes {@link #close()} without a commit keep the work folder (for a later resume) instead of deleting it. */
    public synchronized void keepOnClose() {
        this.keepOnClose = true;
    }

    /**
     * Flushes the work folder to disk and renames it into place, replacing the target if it exists and {@code force}
     * was given.
     *
     * @throws ProbeException naming the target when it appeared meanwhile without {@code force}, is no longer
     *     replaceable, or a rename fails (the old target is then restored where possible)
     * @throws IllegalStateException when already committed or closed
     */
    public synchronized void commit() throws ProbeException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + target);
        }
        Path old = null;
        try {
            Fsync.tree(temp);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (!force) {
                    throw new ProbeException(target, "was created by someone else while this run was writing it; use"
                            + " --force to replace it");
                }
                OutputGuard.checkReplaceable(target, target, kind);
                old = aside();
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            Files.deleteIfExists(target.resolve(OutputLock.LOCK_FILE));
            Fsync.folder(target);
            Fsync.folder(target.getParent());
        } catch (IOException e) {
            restore(old);
            throw new ProbeException(target, "cannot move the finished output into place: "
                    + OutputLock.describe(e), e);
        } finally {
            if (done) {
                release();
            }
        }
        if (old != null) {
            try {
                deleteTree(old);
            } catch (IOException e) {
                throw new ProbeException(target, "replaced, but the previous copy could not be deleted: " + old, e);
            }
        }
    }

    /** Deletes the work folder unless committed, and releases the lock; best effort, never throws. */
    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            try {
                if (keepOnClose) {
                    return;
                }
                deleteTree(temp);
            } catch (IOException e) {
                // best effort: the next writer of this output clears it
            } finally {
                release();
            }
            return;
        }
        release();
    }

    private synchronized void interrupted() {
        if (done) {
            return;
        }
        done = true;
        if (lock == null) { // interrupted while becoming the writer
            OutputLock.removeIfOwned(target, nonce);
            return;
        }
        if (handler != null && handler.keepOnInterrupt()) {
            return;
        }
        try {
            deleteTree(temp);
        } catch (IOException e) {
            // best effort: the next writer of this output clears it
        }
    }

    private void release() {
        if (lock != null) {
            lock.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running or done
        }
    }

    private void restore(Path old) {
        if (old != null && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the old copy stays at its hidden .old- name; the next writer removes it
            }
        }
    }

    private Path aside() {
        while (true) {
            Path p = target.resolveSibling("." + target.getFileName() + ".old-"
                    + Long.toString(System.nanoTime() & Long.MAX_VALUE, 36));
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }

    /** Deletes everything in the work folder but its lock file. */
    private static void clear(Path work) throws IOException {
        try (Stream<Path> children = Files.list(work)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!child.getFileName().toString().equals(OutputLock.LOCK_FILE)) {
                    deleteTree(child);
                }
            }
        }
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
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
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
