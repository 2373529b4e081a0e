package dev.probe.activations.store;

import java.util.List;
import java.util.Objects;

/**
 * One row of {@code tokens.tsv}, describing the matrix row of the same index.
 *
 * @param sentence 0-based index of the sentence in the input corpus
 * @param word 0-based index of the word within its sentence
 * @param token the word's text
 * @param values the word's value in each annotation column of the store, in the manifest's column order (values may be
 *     empty); an immutable copy
 */
public record TokenRow(int sentence, int word, String token, List<String> values) {

    /** Checks that the indices are non-negative and the texts present. */
    public TokenRow {
        if (sentence < 0 || word < 0) {
            throw new IllegalArgumentException("negative index: sentence " + sentence + ", word " + word);
        }
        Objects.requireNonNull(token, "token");
        values = List.copyOf(values);
    }

    /** A row with one annotation column. */
    public TokenRow(int sentence, int word, String token, String label) {
        this(sentence, word, token, List.of(label));
    }

    /** The value in annotation column {@code column} (an index into the manifest's columns). */
    public String value(int column) {
        return values.get(column);
    }
}
