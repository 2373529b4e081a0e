package dev.probe.corpus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An annotated corpus read from one file: its sentences in file order, and where they came from.
 *
 * @param file the file read; for {@link CorpusFormat#NEUROX} the {@code .in} file of the pair
 * @param sha256 lower-case hex SHA-256 identifying the data: of the file's bytes; for NeuroX, of the UTF-8 string
 *     {@code sha256(X.in) + ":" + sha256(X.label)} (both hex), so that it changes when either file does
 * @param format the format the file was read as
 * @param labelColumn which column the labels came from: a CoNLL-U column name ({@code "xpos"}, {@code "deprel"}, …),
 *     a TSV column number ({@code "2"}), or {@code "label"} for NeuroX
 * @param columns the names of every annotation column the file has, in file order ({@link Sentence#annotations()}):
 *     the ten CoNLL-U column names, TSV column numbers {@code "1"}, {@code "2"}, …, or {@code "label"} for NeuroX;
 *     {@code labelColumn} is one of them
 * @param sentences the sentences in file order; an immutable copy
 */
public record Corpus(Path file, String sha256, CorpusFormat format, String labelColumn, List<String> columns,
        List<Sentence> sentences) {

    /** Checks for nulls, that every sentence has every column, and copies the lists. */
    public Corpus {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(labelColumn, "labelColumn");
        columns = List.copyOf(columns);
        if (!columns.contains(labelColumn) || new java.util.HashSet<>(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns must be distinct and hold the label column " + labelColumn
                    + ", found " + columns);
        }
        sentences = List.copyOf(Objects.requireNonNull(sentences, "sentences"));
        for (Sentence sentence : sentences) {
            if (sentence.annotations().size() != columns.size()) {
                throw new IllegalArgumentException("a sentence has " + sentence.annotations().size()
                        + " annotation columns, the corpus " + columns.size());
            }
        }
    }

    /** A corpus whose only annotation column is its label column. */
    public Corpus(Path file, String sha256, CorpusFormat format, String labelColumn, List<Sentence> sentences) {
        this(file, sha256, format, labelColumn, List.of(labelColumn), sentences);
    }

    /** The total number of words over all sentences. */
    public int wordCount() {
        int count = 0;
        for (Sentence sentence : sentences) {
            count += sentence.size();
        }
        return count;
    }

    /** How many words carry each label, sorted by label ({@link String#compareTo} order); unmodifiable. */
    public Map<String, Integer> labelCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Sentence sentence : sentences) {
            for (String label : sentence.labels()) {
                counts.merge(label, 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }
}
