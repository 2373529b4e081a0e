package dev.probe.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One sentence: its words and one label per word, in order.
 *
 * @param words the words (tokens), at least one; an immutable copy
 * @param labels one label per word, same length as {@code words}; an immutable copy
 * @param line the 1-based line of the sentence's first word in its file (for NeuroX: its line in the {@code .in}
 *     file), or 0 for a sentence that did not come from a file
 */
public record Sentence(List<String> words, List<String> labels, long line) {

    /** Copies the lists and checks that they are non-empty and of the same length. */
    public Sentence {
        words = List.copyOf(Objects.requireNonNull(words, "words"));
        labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (words.size() != labels.size()) {
            throw new IllegalArgumentException(
                    "a sentence needs one label per word: " + words.size() + " words but " + labels.size() + " labels");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a sentence needs at least one word");
        }
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0. Found value " + line);
        }
    }

    /** The number of words. */
    public int size() {
        return words.size();
    }
}
