package dev.probe.corpus;

import dev.probe.ProbeException;
import java.nio.file.Path;

/**
 * Reads a corpus in any supported format: the entry point for commands that take {@code --corpus}, {@code --format}
 * and {@code --column}.
 *
 * <p>Column values per format, and the default when the column is {@code null}:
 * <ul>
 *   <li>CoNLL-U: a column name ({@code upos}, {@code xpos}, {@code feats}, {@code deprel}, …) or number 1..10;
 *       default {@code xpos} (column 5, Penn Treebank POS).
 *   <li>TSV: the label's 1-based column number, other than the token column (so at least 2 when the token is in
 *       column 1); default 2.
 *   <li>NeuroX: only {@code label} (or {@code null}); the labels are the {@code .label} file.
 * </ul>
 */
public final class Corpora {
    /** The CoNLL-U label column used when none is given. */
    public static final String DEFAULT_CONLLU_COLUMN = "xpos";
    /** The TSV label column used when none is given. */
    public static final int DEFAULT_TSV_COLUMN = 2;

    private Corpora() {
    }

    /**
     * Reads a corpus; a TSV corpus has its token in column 1.
     *
     * @param file the corpus file (for NeuroX either file of the pair)
     * @param formatOrNull the format, or {@code null} to detect it from the file name ({@link CorpusFormat#detect})
     * @param column the label column (see the class comment), or {@code null} for the format's default
     * @return the corpus, with at least one sentence
     * @throws ProbeException if the file is missing, the format or column is wrong, the file is malformed, or it has
     *     no sentences
     */
    public static Corpus read(Path file, CorpusFormat formatOrNull, String column) throws ProbeException {
        return read(file, formatOrNull, column, 1);
    }

    /**
     * Reads a corpus.
     *
     * @param file the corpus file (for NeuroX either file of the pair)
     * @param formatOrNull the format, or {@code null} to detect it from the file name ({@link CorpusFormat#detect})
     * @param column the label column (see the class comment), or {@code null} for the format's default
     * @param tokenColumn the 1-based token column of a TSV file; must be 1 for the other formats
     * @return the corpus, with at least one sentence
     * @throws ProbeException if the file is missing, the format or column is wrong, the file is malformed, or it has
     *     no sentences
     */
    public static Corpus read(Path file, CorpusFormat formatOrNull, String column, int tokenColumn)
            throws ProbeException {
        TextLines.checkReadable(file);
        CorpusFormat format = formatOrNull != null ? formatOrNull : CorpusFormat.detect(file);
        if (format != CorpusFormat.TSV && tokenColumn != 1) {
            throw new ProbeException("a token column (" + tokenColumn + ") applies to TSV corpora only, not "
                    + format.id());
        }
        CorpusReader reader = reader(format, column, tokenColumn);
        if (formatOrNull == null && reader instanceof TsvReader tsv) {
            reader = new TsvReader(tsv.column(), tsv.tokenColumn(), true); // named .conll/.tsv: do not guess CoNLL-U
        }
        Corpus corpus = reader.read(file);
        if (corpus.sentences().isEmpty()) {
            throw new ProbeException(corpus.file(), "empty corpus: no sentences");
        }
        return corpus;
    }

    /**
     * The reader for a format and a column given as text.
     *
     * @throws ProbeException if the column does not suit the format
     */
    public static CorpusReader reader(CorpusFormat format, String column, int tokenColumn) throws ProbeException {
        return switch (format) {
            case CONLLU -> new ConlluReader(column == null ? DEFAULT_CONLLU_COLUMN : column);
            case TSV -> tsvReader(column, tokenColumn);
            case NEUROX -> {
                if (column != null && !column.strip().equalsIgnoreCase("label")) {
                    throw new ProbeException("a NeuroX corpus takes its labels from the .label file; --column must be"
                            + " 'label' or left out, found '" + column + "'");
                }
                yield new NeuroxReader();
            }
        };
    }

    private static TsvReader tsvReader(String column, int tokenColumn) throws ProbeException {
        if (tokenColumn < 1) {
            throw new ProbeException("the token column of a TSV corpus must be a column number >= 1, found "
                    + tokenColumn);
        }
        int label = DEFAULT_TSV_COLUMN;
        if (column != null) {
            try {
                label = Integer.parseInt(column.strip());
            } catch (NumberFormatException e) {
                label = -1;
            }
        }
        if (column == null && tokenColumn == DEFAULT_TSV_COLUMN) {
            throw new ProbeException("the token is in column " + tokenColumn + "; give the label column with --column");
        }
        if (label < 1 || label == tokenColumn) {
            String expected = tokenColumn == 1 ? "a column number >= 2"
                    : "a column number >= 1 other than the token column " + tokenColumn;
            throw new ProbeException("the label column of a TSV corpus must be " + expected + ", found '" + column
                    + "'");
        }
        return new TsvReader(label, tokenColumn);
    }
}
