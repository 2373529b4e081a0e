package dev.probe.corpus;

import dev.probe.ProbeException;
import dev.probe.io.Utf8Lines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus readers' view of a text file ({@link Utf8Lines}): read once as strict UTF-8, line by line, hashed while
 * read (so a FIFO works), any of {@code \n}, {@code \r\n} or {@code \r} ending a line, and lines bounded to
 * {@value #MAX_LINE_BYTES} bytes.
 */
final class TextLines implements AutoCloseable {
    /** The longest line a corpus may have, in bytes (a NeuroX line is a whole sentence). */
    static final int MAX_LINE_BYTES = Utf8Lines.DEFAULT_MAX_LINE_BYTES;

    private final Utf8Lines lines;

    private TextLines(Utf8Lines lines) {
        this.lines = lines;
    }

    /**
     * A file's lines and the SHA-256 of its bytes.
     *
     * @param lines every line, terminators removed
     * @param sha256 lower-case hex SHA-256 of the bytes read
     */
    record All(List<String> lines, String sha256) {
    }

    /** Opens a file, failing with "no such file" when it does not exist. */
    static TextLines open(Path file) throws ProbeException {
        checkReadable(file);
        return new TextLines(Utf8Lines.open(file, MAX_LINE_BYTES, "corpus files"));
    }

    /** Fails with "no such file" or "is a directory" unless {@code file} is a file (a FIFO is fine). */
    static void checkReadable(Path file) throws ProbeException {
        if (Files.isDirectory(file)) {
            throw new ProbeException(file, "is a directory, not a corpus file");
        }
        if (!Files.exists(file)) {
            throw new ProbeException(file, "no such file");
        }
    }

    /** All lines of a file, read once, with its hash. */
    static All readAll(Path file) throws ProbeException {
        List<String> lines = new ArrayList<>();
        try (TextLines text = open(file)) {
            for (String line = text.next(); line != null; line = text.next()) {
                lines.add(line);
            }
            return new All(lines, text.sha256());
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
        return lines.next();
    }

    /** The 1-based number of the line last returned by {@link #next()}, 0 before the first. */
    long lineNumber() {
        return lines.lineNumber();
    }

    /** The SHA-256 of the whole file; reads (without parsing) whatever is left. */
    String sha256() throws ProbeException {
        return lines.sha256();
    }

    @Override
    public void close() throws ProbeException {
        lines.close();
    }
}
