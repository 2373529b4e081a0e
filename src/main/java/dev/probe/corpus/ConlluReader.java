package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads CoNLL-U files (Universal Dependencies): every word keeps all ten columns, by name; its label comes from one
 * of them.
 *
 * <p>Format: each word line has exactly 10 TAB-separated fields {@code ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS
 * MISC}; lines starting with {@code #} are comments; a blank line ends a sentence (the last sentence may lack it).
 * Only word lines, whose ID is an integer, become words: multiword-token ranges ({@code 3-4}) and empty nodes
 * ({@code 8.1}) are skipped. Word IDs must run 1, 2, 3, … within each sentence. The word is FORM (column 2); the label
 * is the chosen column, e.g. {@code xpos} (5, Penn Treebank POS) or {@code deprel} (8).
 */
public final class ConlluReader implements CorpusReader {
    /** The column names in file order: {@code COLUMNS.get(i)} is column {@code i + 1}. */
    static final List<String> COLUMNS =
            List.of("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc");

    private static final Pattern WORD_ID = Pattern.compile("[1-9][0-9]{0,8}");
    private static final Pattern RANGE_OR_EMPTY_NODE = Pattern.compile("[1-9][0-9]*-[1-9][0-9]*|[0-9]+\\.[1-9][0-9]*");

    private final int column;

    /**
     * A reader taking labels from a column given by name or number.
     *
     * @param column a column name ({@code upos}, {@code xpos}, {@code feats}, {@code deprel}, … case-insensitive) or
     *     a 1-based column number 1..10
     * @throws ProbeException if it is neither
     */
    public ConlluReader(String column) throws ProbeException {
        this(parseColumn(column));
    }

    /**
     * A reader taking labels from a column given by number.
     *
     * @param column the 1-based column number, 1..10
     * @throws IllegalArgumentException if it is out of range
     */
    public ConlluReader(int column) {
        if (column < 1 || column > COLUMNS.size()) {
            throw new IllegalArgumentException("CoNLL-U column must be between 1 and 10. Found value " + column);
        }
        this.column = column;
    }

    /** The 1-based label column. */
    public int column() {
        return column;
    }

    /** The label column's lower-case name ({@code "xpos"} for column 5). */
    public String columnName() {
        return COLUMNS.get(column - 1);
    }

    @Override
    public Corpus read(Path file) throws ProbeException {
        TextLines.checkReadable(file);
        SentenceCollector collector = new SentenceCollector(file);
        String sha256;
        try (TextLines text = TextLines.open(file)) {
            for (String line = text.next(); line != null; line = text.next()) {
                long number = text.lineNumber();
                if (line.isBlank()) {
                    collector.end();
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != COLUMNS.size()) {
                    throw new ProbeException(file, number, "a CoNLL-U word line needs 10 TAB-separated fields, found "
                            + fields.length, null);
                }
                if (!isWordId(file, number, fields[0])) {
                    continue;
                }
                int expected = collector.openWords() + 1;
                if (Integer.parseInt(fields[0]) != expected) {
                    throw new ProbeException(file, number, "word ID " + fields[0] + " where " + expected
                            + " was expected (IDs run 1, 2, 3, … in each sentence; is a blank line missing?)", null);
                }
                String label = fields[column - 1];
                if (fields[1].isEmpty() || label.isEmpty()) {
                    throw new ProbeException(file, number, "empty " + (fields[1].isEmpty() ? "form" : columnName())
                            + " field (CoNLL-U writes '_' for no value)", null);
                }
                collector.add(fields[1], label, fields, number);
            }
            sha256 = text.sha256();
        }
        return new Corpus(file, sha256, CorpusFormat.CONLLU, columnName(), COLUMNS,
                collector.sentences(COLUMNS.size()));
    }

    /** True for a word ID ({@code 7}), false for a range ({@code 3-4}) or an empty node ({@code 8.1}). */
    private static boolean isWordId(Path file, long number, String id) throws ProbeException {
        if (WORD_ID.matcher(id).matches()) {
            return true;
        }
        if (RANGE_OR_EMPTY_NODE.matcher(id).matches()) {
            return false;
        }
        throw new ProbeException(file, number,
                "ID '" + id + "' is not a word number (7), a multiword range (3-4) or an empty node (8.1)", null);
    }

    private static int parseColumn(String spec) throws ProbeException {
        String name = spec == null ? "" : spec.strip().toLowerCase(Locale.ROOT);
        int index = COLUMNS.indexOf(name);
        if (index >= 0) {
            return index + 1;
        }
        if (name.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(name);
            if (number >= 1 && number <= COLUMNS.size()) {
                return number;
            }
        }
        throw new ProbeException("unknown CoNLL-U column '" + spec + "'; expected one of "
                + String.join(", ", COLUMNS) + " or a column number 1..10");
    }
}
