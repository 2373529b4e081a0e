package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads token-per-line column files (STREUSLE {@code .tsv}, CoNLL-2003-style {@code .conll}, UNER {@code .iob2}, …).
 *
 * <p>Format: one token per line, a blank (or whitespace-only) line between sentences. The fields of a line are
 * separated by TABs if the line contains a TAB, otherwise by runs of spaces. The token is in column
 * {@code tokenColumn} (1 by default), the label in column {@code column}, both 1-based as in {@code cut -f}; further
 * columns are ignored. For UNER's {@code index<TAB>token<TAB>tag<TAB>-<TAB>annotator} use token column 2, column 3.
 *
 * <p>Comments: a line whose first character is {@code #} and that contains no TAB is a comment ({@code # sent_id =
 * …}, or a lone {@code #}). A {@code #} token is therefore written TAB-separated ({@code #<TAB>NN}), which is how
 * CoNLL-style files write it. Comments may stand only between sentences; a TAB-less {@code #} line after a sentence's
 * first token is rejected as ambiguous (a space-separated {@code # NN} token would otherwise vanish silently).
 *
 * @param column the 1-based label column
 * @param tokenColumn the 1-based token column, different from {@code column}
 */
public record TsvReader(int column, int tokenColumn) implements CorpusReader {

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

    @Override
    public Corpus read(Path file) throws ProbeException {
        TextLines.checkReadable(file);
        SentenceCollector collector = new SentenceCollector();
        int needed = Math.max(column, tokenColumn);
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
                collector.add(token, label, number);
            }
        }
        return new Corpus(file, TextLines.sha256(file), CorpusFormat.TSV, Integer.toString(column), collector.sentences());
    }
}
