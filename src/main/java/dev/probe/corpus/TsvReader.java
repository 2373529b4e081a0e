package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads token-per-line column files (STREUSLE {@code .tsv}, CoNLL-2003-style {@code .conll}, UNER {@code .iob2}, …).
 *
 * <p>Format: one token per line, a blank (or whitespace-only) line between sentences. The fields of a line are
 * separated by TABs if the line contains a TAB, otherwise by runs of spaces. The token is in column
 * {@code tokenColumn} (1 by default), the label in column {@code column}, both 1-based as in {@code cut -f}; every
 * column is kept as an annotation named by its number ({@code "1"}, {@code "2"}, …; a line with fewer fields than the
 * widest line has empty values in the missing ones). For UNER's {@code index<TAB>token<TAB>tag<TAB>-<TAB>annotator} use token column 2, column 3.
 *
 * <p>Comments: a line whose first character is {@code #} and that contains no TAB is a comment ({@code # sent_id =
 * …}, or a lone {@code #}). A {@code #} token is therefore written TAB-separated ({@code #<TAB>NN}), which is how
 * CoNLL-style files write it. Comments may stand only between sentences; a TAB-less {@code #} line after a sentence's
 * first token is rejected as ambiguous (a space-separated {@code # NN} token would otherwise vanish silently).
 *
 * <p>CoNLL-U content is not guessed at: with {@code refuseConllu} (set when the format came from a {@code .conll} or
 * {@code .tsv} file name, not from {@code --format tsv}), a file whose first word line has exactly 10 TAB-separated
 * fields beginning with word ID 1 is refused with a message asking for {@code --format conllu}.
 *
 * @param column the 1-based label column
 * @param tokenColumn the 1-based token column, different from {@code column}
 * @param refuseConllu whether a file that looks like CoNLL-U is refused
 */
public record TsvReader(int column, int tokenColumn, boolean refuseConllu) implements CorpusReader {
    private static final Pattern FIRST_CONLLU_ID = Pattern.compile("1(-[0-9]+)?");

    /** Checks that both columns are 1-based and distinct. */
    public TsvReader {
        if (tokenColumn < 1) {
            throw new IllegalArgumentException("token column must be >= 1. Found value " + tokenColumn);
        }
        if (column < 1 || column == tokenColumn) {
            throw new IllegalArgumentException(
                    "label column must be >= 1 and differ from the token column " + tokenColumn + ". Found value "
                            + column);
        }
    }

    /** A reader with the token in column 1 and the label in {@code column} (at least 2). */
    public TsvReader(int column) {
        this(column, 1);
    }

    /** A reader that reads whatever it is given as TSV (as with {@code --format tsv}). */
    public TsvReader(int column, int tokenColumn) {
        this(column, tokenColumn, false);
    }

    @Override
    public Corpus read(Path file) throws ProbeException {
        TextLines.checkReadable(file);
        SentenceCollector collector = new SentenceCollector(file);
        int needed = Math.max(column, tokenColumn);
        boolean first = true;
        String sha256;
        try (TextLines text = TextLines.open(file)) {
            for (String line = text.next(); line != null; line = text.next()) {
                long number = text.lineNumber();
                if (line.isBlank()) {
                    collector.end();
                    continue;
                }
                boolean tab = line.indexOf('\t') >= 0;
                if (line.startsWith("#") && !tab) {
                    if (collector.inSentence()) {
                        throw new ProbeException(file, number, "a '#' line without a TAB inside a sentence: comments"
                                + " go before a sentence, and a '#' token needs TAB-separated fields", null);
                    }
                    continue;
                }
                List<String> fields = tab ? Arrays.asList(line.split("\t", -1)) : TextLines.splitOnBlanks(line);
                if (first && refuseConllu && tab && fields.size() == ConlluReader.COLUMNS.size()
                        && FIRST_CONLLU_ID.matcher(fields.get(0)).matches()) {
                    throw new ProbeException(file, number, "looks like CoNLL-U (10 TAB-separated fields starting with"
                            + " word ID 1), not token-per-line TSV: pass --format conllu (or --format tsv to read it"
                            + " as TSV)", null);
                }
                first = false;
                if (fields.size() < needed) {
                    String found = fields.size() + (fields.size() == 1 ? " field" : " fields");
                    throw new ProbeException(file, number, "found " + found + " (" + (tab ? "TAB" : "space")
                            + "-separated) but the token is read from column " + tokenColumn
                            + " and the label from column " + column, null);
                }
                String token = fields.get(tokenColumn - 1);
                String label = fields.get(column - 1);
                if (token.isEmpty() || label.isEmpty()) {
                    String what = token.isEmpty() ? "token (column " + tokenColumn : "label (column " + column;
                    throw new ProbeException(file, number, "empty " + what + ")", null);
                }
                collector.add(token, label, fields.toArray(String[]::new), number);
            }
            sha256 = text.sha256();
        }
        int width = Math.max(collector.widestLine(), Math.max(column, tokenColumn));
        List<String> columns = new ArrayList<>(width);
        for (int c = 1; c <= width; c++) {
            columns.add(Integer.toString(c));
        }
        return new Corpus(file, sha256, CorpusFormat.TSV, Integer.toString(column), columns,
                collector.sentences(width));
    }
}
