package dev.probe.io;

import dev.probe.ProbeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads a text file once, line by line, as strict UTF-8, counting lines and hashing every byte as it goes, so that a
 * FIFO or a file that changes while read is parsed and hashed as the same bytes, and every problem can name its line.
 *
 * <p>A line ends at {@code \n}, {@code \r\n} or a lone {@code \r} (Unix, Windows and old Mac files alike); a UTF-8
 * byte-order mark at the start of the file is dropped. A final line without a terminator is still a line; a file
 * ending in a terminator has no extra empty last line. A line longer than the limit ends the read with an error
 * instead of filling the memory (an endless {@code /dev/zero} is refused at line 1). Each line is decoded on its own,
 * so malformed UTF-8 is reported at the exact line it is on.
 */
public final class Utf8Lines implements AutoCloseable {
    /** The default longest line, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final InputStream in;
    private final int maxLineBytes;
    private final String kind;
    private final MessageDigest digest;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
    private final byte[] buffer = new byte[1 << 16];
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private long lineNumber;
    private boolean skipLineFeed;
    private boolean eof;

    private Utf8Lines(Path file, InputStream in, int maxLineBytes, String kind) {
        this.file = file;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.kind = kind;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Opens a file.
     *
     * @param maxLineBytes the longest line accepted, in bytes
     * @param kind what the file is, for messages ("corpus files", "tokens.tsv")
     * @throws ProbeException when it is missing, a folder, or cannot be opened
     */
    public static Utf8Lines open(Path file, int maxLineBytes, String kind) throws ProbeException {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be >= 1. Found value " + maxLineBytes);
        }
        if (Files.isDirectory(file)) {
            throw new ProbeException(file, "is a directory, not a file");
        }
        try {
            return new Utf8Lines(file, Files.newInputStream(file), maxLineBytes, kind);
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "no such file");
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + OutputLock.describe(e), e);
        }
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The next line without its terminator, or {@code null} at the end of the file. */
    public String next() throws ProbeException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            byte b = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    continue;
                }
            }
            any = true;
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                skipLineFeed = true;
                break;
            }
            if (length == maxLineBytes) {
                throw new ProbeException(file, lineNumber + 1, String.format(Locale.ROOT,
                        "line longer than %d bytes; is this really a text file?", maxLineBytes), null);
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, (int) Math.min(2L * length, maxLineBytes));
            }
            line[length++] = b;
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        int start = lineNumber == 1 && length >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3) ? 3 : 0;
        try {
            return decoder.decode(ByteBuffer.wrap(line, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new ProbeException(file, lineNumber, "not valid UTF-8 (" + kind + " must be UTF-8)", e);
        }
    }

    /** The 1-based number of the line last returned by {@link #next()}, 0 before the first. */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The lower-case hex SHA-256 of every byte of the file: the rest of the file is read (and hashed, not parsed)
     * first, so call it once, after the last line wanted.
     */
    public String sha256() throws ProbeException {
        while (fill()) {
            position = limit;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private boolean fill() throws ProbeException {
        if (eof) {
            return false;
        }
        try {
            int n = in.read(buffer);
            position = 0;
            limit = Math.max(n, 0);
            if (n > 0) {
                digest.update(buffer, 0, n);
                return true;
            }
            eof = n < 0;
            return false;
        } catch (IOException e) {
            throw new ProbeException(file, lineNumber + 1, "cannot read: " + OutputLock.describe(e), e);
        }
    }

    @Override
    public void close() throws ProbeException {
        try {
            in.close();
        } catch (IOException e) {
            throw new ProbeException(file, "cannot close: " + OutputLock.describe(e), e);
        }
    }
}
