package dev.probe.corpus;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a text file line by line as strict UTF-8 and counts lines, so that every problem can name its file and line.
 *
 * <p>Lines end at {@code \n}; a {@code \r} before it is dropped, as is a UTF-8 byte-order mark at the start of the
 * file. A final line without a terminator is still a line; a file ending in {@code \n} has no extra empty last line. Each
 * line is decoded on its own, so malformed UTF-8 is reported at the exact line it is on.
 */
final class TextLines implements AutoCloseable {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
    private final byte[] buffer = new byte[1 << 16];
    private byte[] line = new byte[256];
    private int position;
    private int limit;
    private long lineNumber;

    private TextLines(Path file, InputStream in) {
        this.file = file;
        this.in = in;
    }

    /** Opens a file, failing with "no such file" when it does not exist. */
    static TextLines open(Path file) throws ProbeException {
        checkReadable(file);
        try {
            return new TextLines(file, Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "no such file");
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Fails with "no such file" or "is a directory" unless {@code file} is a file. */
    static void checkReadable(Path file) throws ProbeException {
        if (Files.isDirectory(file)) {
            throw new ProbeException(file, "is a directory, not a corpus file");
        }
        if (!Files.exists(file)) {
            throw new ProbeException(file, "no such file");
        }
    }

    /** All lines of a file. */
    static List<String> readAll(Path file) throws ProbeException {
        List<String> lines = new ArrayList<>();
        try (TextLines text = open(file)) {
            for (String line = text.next(); line != null; line = text.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** The SHA-256 of a file's bytes. */
    static String sha256(Path file) throws ProbeException {
        try {
            return Hashes.sha256(file);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Splits on runs of spaces and TABs, ignoring leading and trailing ones; an empty list for a blank line. */
    static List<String> splitOnBlanks(String line) {
        List<String> fields = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean blank = i == line.length() || line.charAt(i) == ' ' || line.charAt(i) == '\t';
            if (!blank && start < 0) {
                start = i;
            } else if (blank && start >= 0) {
                fields.add(line.substring(start, i));
                start = -1;
            }
        }
        return fields;
    }

    /** The next line without its terminator, or {@code null} at the end of the file. */
    String next() throws ProbeException {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                break;
            }
            any = true;
            byte b = buffer[position++];
            if (b == '\n') {
                break;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, 2 * length);
            }
            line[length++] = b;
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = lineNumber == 1 && length >= 3 && Arrays.equals(line, 0, 3, BOM, 0, 3) ? 3 : 0;
        try {
            return decoder.decode(ByteBuffer.wrap(line, start, length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new ProbeException(file, lineNumber, "not valid UTF-8 (corpus files must be UTF-8)", e);
        }
    }

    /** The 1-based number of the line last returned by {@link #next()}, 0 before the first. */
    long lineNumber() {
        return lineNumber;
    }

    private boolean fill() throws ProbeException {
        try {
            int n = in.read(buffer);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new ProbeException(file, lineNumber + 1, "cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws ProbeException {
        try {
            in.close();
        } catch (IOException e) {
            throw new ProbeException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
