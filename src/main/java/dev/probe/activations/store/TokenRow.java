package dev.probe.activations.store;

import java.util.Objects;

/**
 * One row of {@code tokens.tsv}, describing the matrix row of the same index.
 *
 * @param sentence 0-based index of the sentence in the input corpus
 * @param word 0-based index of the word within its sentence
 * @param token the word's text
 * @param label the word's label (may be empty)
 */
public record TokenRow(int sentence, int word, String token, String label) {

    /** Checks that the indices are non-negative and the texts present. */
    public TokenRow {
        if (sentence < 0 || word < 0) {
            throw new IllegalArgumentException("negative index: sentence " + sentence + ", word " + word);
        }
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(label, "label");
    }
}
