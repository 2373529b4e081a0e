package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Makes one process the only writer of an output: it owns the work folder {@code .<name>.tmp} next to the output
 * {@code <name>} while it holds an operating-system lock on the folder's lock file {@value #LOCK_FILE}.
 *
 * <p>The work folder is born with its lock file already locked: a private folder {@code .<name>.new-<random>} is made,
 * its lock file created and locked, and the folder renamed to {@code .<name>.tmp}, which fails when that exists. A
 * second writer that finds the work folder tries the lock: held means a live writer, and it ends with
 * {@link OutputBusyException} naming the output and the other process (its pid is in the lock file); free means the
 * previous writer is gone (killed, or the machine stopped), and the folder is taken over ({@link #tookOver()}), so the
 * caller can resume from it or clear it. The kernel drops a dead process's locks, so no guess about process ids is
 * needed. Closing releases the lock; {@link AtomicDirectory} renames the work folder into place before that.
 */
public final class OutputLock implements AutoCloseable {
    /** The lock file's name inside the work folder. */
    public static final String LOCK_FILE = ".probe-lock";

    private static final int ATTEMPTS = 200;
    private static final long RETRY_MILLIS = 25;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path work;
    private final FileChannel channel;
    private final FileLock lock;
    private final boolean tookOver;

    private OutputLock(Path target, Path work, FileChannel channel, FileLock lock, boolean tookOver) {
        this.target = target;
        this.work = work;
        this.channel = channel;
        this.lock = lock;
        this.tookOver = tookOver;
    }

    /** The work folder of an output: {@code .<name>.tmp} beside it. */
    public static Path workFolder(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
    }

    /**
     * Becomes the one writer of {@code target}, creating its parent folders when missing.
     *
     * @throws OutputBusyException when a live process writes the same output
     * @throws ProbeException when the work folder cannot be created or is in the way
     */
    public static OutputLock acquire(Path target) throws ProbeException {
        return acquire(target, newNonce());
    }

    /**
     * As {@link #acquire(Path)}, writing {@code nonce} into the lock file before the work folder appears under its
     * name, so that an interruption at any moment can find what this process made ({@link #removeIfOwned}).
     */
    static OutputLock acquire(Path target, String nonce) throws ProbeException {
        Path absolute = target.toAbsolutePath().normalize();
        Path work = workFolder(absolute);
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new ProbeException(target, "cannot create the folder it goes in: " + describe(e), e);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            OutputLock lock = Files.exists(work, LinkOption.NOFOLLOW_LINKS)
                    ? takeOver(target, absolute, work, nonce) : createFresh(target, absolute, work, nonce);
            if (lock != null) {
                lock.removeDeadSiblings();
                return lock;
            }
            pause();
        }
        throw new ProbeException(work, "cannot become the writer of " + target + ": this folder keeps appearing"
                + " without a lock file; if no probe is writing " + target + ", remove it");
    }

    /**
     * Fails early, before a long run, when a live process is writing {@code target}; takes nothing (the writer still
     * becomes the owner through {@link #acquire}, which checks again).
     *
     * @throws OutputBusyException naming the output and the other process
     */
    public static void checkNotBusy(Path target) throws OutputBusyException {
        Path lockFile = workFolder(target).resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new OutputBusyException(target, "is being written by another probe process ("
                        + readOwner(channel) + "); wait for it to finish or stop it");
            }
        } catch (IOException e) {
            // no work folder, or an unreadable one: acquire() decides
        }
    }

    /** The output this lock guards (absolute). */
    public Path target() {
        return target;
    }

    /** The work folder {@code .<name>.tmp}, owned while the lock is held. */
    public Path workFolder() {
        return work;
    }

    /** Whether the work folder was left by a writer that is gone (its content is whatever that writer left). */
    public boolean tookOver() {
        return tookOver;
    }

    /** Releases the lock (the work folder stays as it is: commit or delete it first). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do: the kernel drops the lock with the descriptor
        }
    }

    /** A random token that marks the lock files this process writes. */
    static String newNonce() {
        return Long.toHexString(RANDOM.nextLong());
    }

    /**
     * Deletes the work folder of {@code target} (and a private folder not yet renamed to it) when its lock file holds
     * {@code nonce}: what an interrupted {@link #acquire} of this process made. Best effort, never throws.
     */
    static void removeIfOwned(Path target, String nonce) {
        Path absolute = target.toAbsolutePath().normalize();
        String mark = " nonce " + nonce;
        String prefix = "." + absolute.getFileName() + ".";
        try (Stream<Path> siblings = Files.list(absolute.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && (n.endsWith(".tmp") || n.startsWith(prefix + "new-"))
                        && Files.readString(p.resolve(LOCK_FILE), StandardCharsets.UTF_8).contains(mark)) {
                    AtomicDirectory.deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next writer takes the folder over
        }
    }

    private static OutputLock createFresh(Path target, Path absolute, Path work, String nonce) throws ProbeException {
        Path fresh = newPrivateFolder(absolute, "new");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(fresh.resolve(LOCK_FILE), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            writeOwner(channel, " nonce " + nonce);
            try {
                Files.move(fresh, work, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
                channel.close();
                AtomicDirectory.deleteTree(fresh);
                return null; // another writer was faster: go round again
            }
            return new OutputLock(absolute, work, channel, lock, false);
        } catch (IOException e) {
            closeQuietly(channel);
            try {
                AtomicDirectory.deleteTree(fresh);
            } catch (IOException ignored) {
                // reported below
            }
            throw new ProbeException(target, "cannot create the temporary folder " + work.getFileName() + ": "
                    + describe(e), e);
        }
    }

    private static OutputLock takeOver(Path target, Path absolute, Path work, String nonce) throws ProbeException {
        if (!Files.isDirectory(work, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(work, "is in the way of " + target + " (probe keeps its temporary folder there);"
                    + " remove it");
        }
        Path lockFile = work.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null; // being created or being moved into place: look again
        } catch (IOException e) {
            throw new ProbeException(work, "cannot open its lock file: " + describe(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process, by another writer
            }
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                throw new OutputBusyException(target, "is being written by another probe process (" + owner
                        + "); wait for it to finish or stop it");
            }
            writeOwner(channel, " nonce " + nonce);
            if (!Files.readString(lockFile, StandardCharsets.UTF_8).contains(nonce)) {
                channel.close(); // the folder moved on while we opened it: look again
                return null;
            }
            return new OutputLock(absolute, work, channel, lock, true);
        } catch (NoSuchFileException e) {
            closeQuietly(channel);
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProbeException(work, "cannot lock: " + describe(e), e);
        }
    }

    /** Deletes {@code .<name>.new-*} folders whose creator died before renaming them, and {@code .<name>.old-*} ones. */
    private void removeDeadSiblings() {
        String name = target.getFileName().toString();
        String newPrefix = "." + name + ".new-";
        String oldPrefix = "." + name + ".old-";
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(oldPrefix) || n.startsWith(newPrefix) && isAbandoned(p)) {
                    AtomicDirectory.deleteTree(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover is removed by a later run
        }
    }

    private static boolean isAbandoned(Path folder) {
        try (FileChannel ch = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            return lock != null;
        } catch (IOException | OverlappingFileLockException e) {
            return false;
        }
    }

    /** A new folder {@code .<name>.<kind>-<random>} beside the target, made with the process's umask. */
    static Path newPrivateFolder(Path absolute, String kind) throws ProbeException {
        for (int i = 0; i < 100; i++) {
            Path p = absolute.resolveSibling(String.format(Locale.ROOT, ".%s.%s-%s", absolute.getFileName(), kind,
                    Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36)));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                // try another name
            } catch (IOException e) {
                throw new ProbeException(absolute, "cannot create a temporary folder beside it: " + describe(e), e);
            }
        }
        throw new ProbeException(absolute, "cannot find a free temporary folder name beside it");
    }

    private static void writeOwner(FileChannel channel, String extra) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        String text = "pid " + self.pid() + extra + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        channel.truncate(0);
        while (bytes.hasRemaining()) {
            channel.write(bytes, bytes.position());
        }
        channel.force(false);
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
            int nonce = text.indexOf(" nonce ");
            text = nonce < 0 ? text : text.substring(0, nonce);
            return text.matches("pid [0-9]+") ? text : "process unknown";
        } catch (IOException e) {
            return "process unknown";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    static String describe(IOException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
