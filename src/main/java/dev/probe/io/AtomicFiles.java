package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Files in one folder written together by one process: each is written into the work folder of the first
 * ({@link OutputLock}), flushed to disk, then renamed into place. Existing files are replaced only with {@code force}
 * and only when {@link OutputGuard} recognises them as an output of the same kind. Closing without a commit deletes
 * what was written; so does Ctrl-C or SIGTERM.
 */
public final class AtomicFiles implements AutoCloseable {
    private final List<Path> targets;
    private final OutputKind kind;
    private final boolean force;
    private final String nonce = OutputLock.newNonce();
    private final Thread hook;
    private OutputLock lock;
    private boolean done;

    private AtomicFiles(List<Path> targets, OutputKind kind, boolean force) {
        this.targets = targets;
        this.kind = kind;
        this.force = force;
        this.hook = new Thread(this::close, "probe-interrupt-" + targets.get(0).getFileName());
    }

    /**
     * Becomes the writer of {@code targets}, all in one folder; the first names the lock.
     *
     * @throws ProbeException when the files may not be written, another process writes them, or the work folder cannot
     *     be created
     */
    public static AtomicFiles create(List<Path> targets, OutputKind kind, boolean force) throws ProbeException {
        List<Path> absolute = targets.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        OutputGuard.check(targets.get(0), kind, force, List.of());
        AtomicFiles files = new AtomicFiles(absolute, kind, force);
        Runtime.getRuntime().addShutdownHook(files.hook); // before the work folder appears
        try {
            files.owned(OutputLock.acquire(absolute.get(0), files.nonce));
        } catch (ProbeException | RuntimeException e) {
            files.close();
            throw e;
        }
        try {
            if (files.lock.tookOver()) {
                for (Path t : absolute) {
                    Files.deleteIfExists(files.path(t));
                }
            }
        } catch (IOException e) {
            files.close();
            throw new ProbeException(targets.get(0), "cannot clear the temporary folder left by an earlier run: "
                    + OutputLock.describe(e), e);
        }
        return files;
    }

    private synchronized void owned(OutputLock outputLock) {
        this.lock = outputLock;
    }

    /** Where to write {@code target} before the commit. */
    public Path path(Path target) {
        return lock.workFolder().resolve(target.getFileName());
    }

    /**
     * Flushes the written files and renames each into place.
     *
     * @throws ProbeException when a target appeared meanwhile without {@code force}, or a file cannot be flushed or
     *     renamed
     */
    public synchronized void commit() throws ProbeException {
        if (done) {
            throw new IllegalStateException("already committed or closed: " + targets.get(0));
        }
        try {
            for (Path t : targets) {
                Fsync.file(path(t));
            }
            OutputGuard.check(targets.get(0), kind, force, List.of());
            for (Path t : targets) {
                if (Files.isDirectory(t, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ProbeException(t, "is a folder; expected a file to write");
                }
                Files.move(path(t), t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Fsync.folder(targets.get(0).getParent());
        } catch (IOException e) {
            throw new ProbeException(targets.get(0), "cannot move the finished file into place: "
                    + OutputLock.describe(e), e);
        }
        close();
    }

    /** Deletes what was not committed and releases the lock; never throws. */
    @Override
    public synchronized void close() {
        if (!done) {
            done = true;
            if (lock == null) { // interrupted while becoming the writer
                OutputLock.removeIfOwned(targets.get(0), nonce);
            } else {
                try {
                    AtomicDirectory.deleteTree(lock.workFolder());
                } catch (IOException e) {
                    // the next writer clears it
                }
                lock.close();
            }
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }
}
