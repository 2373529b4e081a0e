package dev.probe.model;

/**
 * The language-modelling head's verdict on each token of a batch, row-major {@code [size, length]}.
 *
 * <p>For a masked LM (BERT-style head) the scores at position t come from the logits at t on the unmasked input; for a
 * causal LM (GPT-2, Llama {@code lm_head}) they come from the logits at t−1, the prediction of token t from its
 * prefix, and position 0 has none ({@code probability} NaN, {@code correct} false).
 *
 * @param size sequences
 * @param length padded length
 * @param probability the softmax probability the head gives the actual token
 * @param correct whether the head's top-1 token is the actual token
 * @param causal whether the head predicts the next token (else the token at the same position)
 */
public record LmScores(int size, int length, float[] probability, boolean[] correct, boolean causal) {
    public LmScores {
        int n = Math.multiplyExact(size, length);
        if (probability.length != n || correct.length != n) {
            throw new IllegalArgumentException("LmScores arrays must hold " + n + " values");
        }
    }
}
