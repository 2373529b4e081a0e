package dev.probe.activations.store;

import dev.probe.ProbeException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code tokens.tsv}: UTF-8, the header {@code sentence\tword\ttoken\tlabel}, then one line per matrix
 * row ({@link TokenRow}). In the token and the label, backslash, tab, newline and carriage return are written as the
 * two-character sequences {@code \\}, {@code \t}, {@code \n}, {@code \r}, so every row is exactly one line of four
 * tab-separated fields.
 */
public final class TokensTable {
    /** The header line. */
    public static final String HEADER = "sentence\tword\ttoken\tlabel";

    private TokensTable() {
    }

    /** Writes all rows to {@code file}, streamed. */
    public static void write(Path file, Iterable<TokenRow> rows) throws IOException {
        try (Writer writer = Writer.open(file)) {
            for (TokenRow row : rows) {
                writer.add(row);
            }
        }
    }

    /** Writes rows one at a time, for callers that produce them as they go. */
    public static final class Writer implements AutoCloseable {
        private final BufferedWriter out;

        private Writer(BufferedWriter out) {
            this.out = out;
        }

        /** Creates (or replaces) {@code file} and writes the header. */
        public static Writer open(Path file) throws IOException {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
            return new Writer(out);
        }

        /** Appends one row. */
        public void add(TokenRow row) throws IOException {
            out.write(Integer.toString(row.sentence()));
            out.write('\t');
            out.write(Integer.toString(row.word()));
            out.write('\t');
            out.write(escape(row.token()));
            out.write('\t');
            out.write(escape(row.label()));
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads all rows.
     *
     * @throws ProbeException naming the file and line when the header is wrong, a line does not have four fields or an
     *     index is not a non-negative integer
     */
    public static List<TokenRow> read(Path file) throws ProbeException {
        List<TokenRow> rows = new ArrayList<>();
        try (BufferedReader in = open(file)) {
            long lineNo = 1;
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new ProbeException(file, lineNo, "expected 4 tab-separated fields, found " + f.length, null);
                }
                rows.add(new TokenRow(index(f[0], "sentence", file, lineNo), index(f[1], "word", file, lineNo),
                        unescape(f[2]), unescape(f[3])));
            }
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The number of rows (lines after the header), without parsing them. */
    public static long countRows(Path file) throws ProbeException {
        try (BufferedReader in = open(file)) {
            long n = 0;
            while (in.readLine() != null) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Opens the file and consumes the header, checking it. */
    private static BufferedReader open(Path file) throws ProbeException, IOException {
        BufferedReader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "file not found", e);
        }
        String header = in.readLine();
        if (header == null || !header.equals(HEADER)) {
            in.close();
            throw new ProbeException(file, 1, "expected the header '" + HEADER.replace("\t", "\\t") + "', found "
                    + (header == null ? "an empty file" : "'" + header.replace("\t", "\\t") + "'"), null);
        }
        return in;
    }

    private static int index(String text, String what, Path file, long line) throws ProbeException {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProbeException(file, line, what + " index must be a non-negative integer, found '" + text + "'",
                null);
    }

    /** Escapes backslash, tab, newline and carriage return as {@code \\ \t \n \r}. */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Reverses {@link #escape}; an unknown escape or a trailing backslash is kept as written. */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                sb.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case '\\' -> sb.append('\\');
                case 't' -> sb.append('\t');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                default -> sb.append('\\').append(next);
            }
        }
        return sb.toString();
    }
}
