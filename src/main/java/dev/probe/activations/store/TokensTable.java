package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.io.Utf8Lines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes {@code tokens.tsv}: UTF-8, the header {@code sentence\tword\ttoken} followed by the name of each
 * annotation column ({@code sentence\tword\ttoken\tid\tform\tlemma\tupos\txpos…} for CoNLL-U), then one line per
 * matrix row ({@link TokenRow}), each ending in {@code \n}.
 *
 * <p>Escaping, in the token and the label: backslash is written {@code \\}, TAB {@code \t}, line feed {@code \n},
 * carriage return {@code \r}, the double quote {@code \"}, and any other control character (U+0000–U+001F, U+007F)
 * {@code \xHH} (two hex digits); everything else is written as it is. So every row is exactly one line of four
 * TAB-separated fields, every quote follows a backslash (so no field starts with one and opens a quoted field), and
 * both {@code pandas.read_csv(path, sep="\t",
 * quoting=3, keep_default_na=False)} and Python's {@code csv.reader(f, delimiter="\t")} with default settings read the
 * same fields (checked by {@code scripts/check-tokens-tsv}); undoing the escapes above gives the original text.
 */
public final class TokensTable {
    /** The header's first three fields; the annotation columns' names follow. */
    public static final String HEADER_START = "sentence\tword\ttoken";

    private static final int MAX_LINE_BYTES = 1 << 20;
    private static final String TOKENS_KIND = "tokens.tsv files";

    private TokensTable() {
    }

    /** The header line of a table with these annotation columns. */
    public static String header(List<String> columns) {
        StringBuilder b = new StringBuilder(HEADER_START);
        columns.forEach(c -> b.append('\t').append(escape(c)));
        return b.toString();
    }

    /** Writes all rows to {@code file}, streamed. */
    public static void write(Path file, List<String> columns, Iterable<TokenRow> rows) throws IOException {
        try (Writer writer = Writer.open(file, columns)) {
            for (TokenRow row : rows) {
                writer.add(row);
            }
        }
    }

    /** Writes rows one at a time, for callers that produce them as they go. */
    public static final class Writer implements AutoCloseable {
        private final BufferedWriter out;
        private final int columns;

        private Writer(BufferedWriter out, int columns) {
            this.out = out;
            this.columns = columns;
        }

        /** Creates (or replaces) {@code file} and writes the header. */
        public static Writer open(Path file, List<String> columns) throws IOException {
            BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(header(columns));
            out.write('\n');
            return new Writer(out, columns.size());
        }

        /** Appends one row. */
        public void add(TokenRow row) throws IOException {
            if (row.values().size() != columns) {
                throw new IllegalArgumentException("a row with " + row.values().size() + " values for " + columns
                        + " columns");
            }
            out.write(Integer.toString(row.sentence()));
            out.write('\t');
            out.write(Integer.toString(row.word()));
            out.write('\t');
            out.write(escape(row.token()));
            for (String value : row.values()) {
                out.write('\t');
                out.write(escape(value));
            }
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
     * @param columns the annotation columns the header must name, in order
     * @throws ProbeException naming the file and line when the header is wrong, a line is not UTF-8, does not have
     *     one field per header field or an index is not a non-negative integer
     */
    public static List<TokenRow> read(Path file, List<String> columns) throws ProbeException {
        List<TokenRow> rows = new ArrayList<>();
        int fields = 3 + columns.size();
        java.util.Map<String, String> shared = new java.util.HashMap<>();
        try (Utf8Lines in = open(file, columns)) {
            for (String line = in.next(); line != null; line = in.next()) {
                long lineNo = in.lineNumber();
                String[] f = line.split("\t", -1);
                if (f.length != fields) {
                    throw new ProbeException(file, lineNo, "expected " + fields + " tab-separated fields, found "
                            + f.length, null);
                }
                String[] values = new String[columns.size()];
                for (int c = 0; c < values.length; c++) {
                    // annotation values repeat (tags, "_"): one String per distinct value keeps big stores small
                    values[c] = shared.computeIfAbsent(unescape(f[3 + c]), v -> v);
                }
                rows.add(new TokenRow(index(f[0], "sentence", file, lineNo), index(f[1], "word", file, lineNo),
                        unescape(f[2]), List.of(values)));
            }
        }
        return rows;
    }

    /** The number of rows (lines after the header), checking the header and that each line is UTF-8. */
    public static long countRows(Path file, List<String> columns) throws ProbeException {
        try (Utf8Lines in = open(file, columns)) {
            long n = 0;
            while (in.next() != null) {
                n++;
            }
            return n;
        }
    }

    /** Opens the file and consumes the header, checking it. */
    private static Utf8Lines open(Path file, List<String> columns) throws ProbeException {
        if (!Files.exists(file)) {
            throw new ProbeException(file, "file not found");
        }
        Utf8Lines in = Utf8Lines.open(file, MAX_LINE_BYTES, TOKENS_KIND);
        String expected = header(columns);
        try {
            String header = in.next();
            if (header == null || !header.equals(expected)) {
                throw new ProbeException(file, 1, "expected the header '" + expected.replace("\t", "\\t") + "', found "
                        + (header == null ? "an empty file" : "'" + header.replace("\t", "\\t") + "'"), null);
            }
            return in;
        } catch (ProbeException e) {
            in.close();
            throw e;
        }
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

    /** Escapes as described in the class comment. */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String rep = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '"' -> "\\\"";
                default -> c < 0x20 || c == 0x7f ? String.format(Locale.ROOT, "\\x%02x", (int) c) : null;
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
                case '"' -> sb.append('"');
                case 'x' -> {
                    int code = i + 2 < text.length() && HexFormat.isHexDigit(text.charAt(i + 1))
                            && HexFormat.isHexDigit(text.charAt(i + 2)) ? HexFormat.fromHexDigits(text, i + 1, i + 3) : -1;
                    if (code >= 0) {
                        sb.append((char) code);
                        i += 2;
                    } else {
                        sb.append("\\x");
                    }
                }
                default -> sb.append('\\').append(next);
            }
        }
        return sb.toString();
    }
}
