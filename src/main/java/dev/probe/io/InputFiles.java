package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checked reads of small input files (configs, tokenizers, JSON manifests): a missing file, a folder and a device or
 * FIFO (such as a link to {@code /dev/zero}) each get their own message, and no file is read past a size limit, so a
 * hostile input ends with one clear line instead of an out-of-memory error.
 */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * Fails unless {@code file} (after following links) is a regular file.
     *
     * @param what what the file should be, for messages ("a model folder needs config.json")
     */
    public static void requireRegularFile(Path file, String what) throws ProbeException {
        if (Files.isRegularFile(file)) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new ProbeException(file, "is a directory, not a file (" + what + ")");
        }
        if (Files.exists(file)) {
            throw new ProbeException(file, "is not a regular file (a device, FIFO or socket" + linkNote(file)
                    + "); " + what);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new ProbeException(file, "is a symbolic link to a missing file (" + what + ")");
        }
        throw new ProbeException(file, "no such file (" + what + ")");
    }

    /**
     * Reads a whole regular file of at most {@code maxBytes} bytes.
     *
     * @throws ProbeException when it is not a regular file, is larger, or cannot be read
     */
    public static byte[] readSmall(Path file, long maxBytes, String what) throws ProbeException {
        requireRegularFile(file, what);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > maxBytes) {
                throw new ProbeException(file, String.format(Locale.ROOT, "larger than %s, too large for %s",
                        size(maxBytes), what));
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "no such file (" + what + ")");
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + OutputLock.describe(e), e);
        }
    }

    /** "16 MiB", "100 MiB", "1 GiB", or bytes. */
    public static String size(long bytes) {
        if (bytes >= 1L << 30 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes + " bytes";
    }

    private static String linkNote(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return "";
        }
        try {
            return ", reached through a link to " + file.toRealPath();
        } catch (IOException e) {
            return ", reached through a link";
        }
    }
}
