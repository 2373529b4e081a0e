package dev.probe.model;

/**
 * A padded batch of token sequences, row-major {@code [size, length]}.
 *
 * @param size number of sequences
 * @param length padded sequence length
 * @param inputIds token ids
 * @param attentionMask 1 for a real token, 0 for padding
 * @param tokenTypeIds segment ids (all 0 for single sentences, or the tokenizer's template types)
 */
public record TokenBatch(int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {
    public TokenBatch {
        int n = Math.multiplyExact(size, length);
        if (inputIds.length != n || attentionMask.length != n || tokenTypeIds.length != n) {
            throw new IllegalArgumentException("TokenBatch arrays must hold size x length = " + n + " values, found "
                    + inputIds.length + ", " + attentionMask.length + ", " + tokenTypeIds.length);
        }
    }
}
