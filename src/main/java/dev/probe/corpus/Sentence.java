package dev.probe.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One sentence: its words, one label per word (the corpus's default label column), and every annotation column of
 * the file, in order.
 *
 * @param words the words (tokens), at least one; an immutable copy
 * @param labels one label per word, same length as {@code words}; an immutable copy
 * @param line the 1-based line of the sentence's first word in its file (for NeuroX: its line in the {@code .in}
 *     file), or 0 for a sentence that did not come from a file
 * @param annotations column-major: {@code annotations.get(c).get(w)} is word {@code w}'s value in the corpus's
 *     {@code c}-th column ({@link Corpus#columns()}); every column has one value per word; an immutable copy
 */
public record Sentence(List<String> words, List<String> labels, long line, List<List<String>> annotations) {

    /** Copies the lists and checks that they are non-empty and of the same length. */
    public Sentence {
        words = List.copyOf(Objects.requireNonNull(words, "words"));
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (words.size() != labels.size()) {
            throw new IllegalArgumentException(
                    "a sentence needs one label per word: " + words.size() + " words but " + labels.size() + " labels");
        }
        annotations = Objects.requireNonNull(annotations, "annotations").stream().map(List::copyOf).toList();
        for (List<String> column : annotations) {
            if (column.size() != words.size()) {
                throw new IllegalArgumentException("an annotation column needs one value per word: " + words.size()
                        + " words but " + column.size() + " values");
            }
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a sentence needs at least one word");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0. Found value " + line);
        }
    }

    /** A sentence whose only annotation column is its labels. */
    public Sentence(List<String> words, List<String> labels, long line) {
        this(words, labels, line, List.of(labels));
    }

    /** The number of words. */
    public int size() {
        return words.size();
    }
}
