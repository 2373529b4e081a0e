package dev.probe.activations.store;

/**
 * How extraction planned its forward passes, in {@code manifest.json} as {@code batching}: the last bits of a word's
 * activations depend on the batch its sentence ran in, so two stores are the same bits only if they were planned
 * alike, and shards merge only when their plans agree.
 *
 * @param tokenBudget the most padded tokens per forward pass ({@code --batch-tokens})
 * @param maxBatch the most sequences per forward pass ({@code --batch-size})
 * @param blockSentences sentences per plan block ({@code --plan-block}): batches never cross a multiple of it, so a
 *     shard of whole blocks runs exactly the batches of the whole corpus; 0 for one block (the whole corpus)
 * @param batches forward passes this store took
 */
public record BatchPlan(int tokenBudget, int maxBatch, int blockSentences, int batches) {
    /** Checks the values. */
    public BatchPlan {
        if (tokenBudget < 1 || maxBatch < 1 || blockSentences < 0 || batches < 0) {
            throw new IllegalArgumentException("invalid batching: budget " + tokenBudget + ", batch " + maxBatch
                    + ", block " + blockSentences + ", batches " + batches);
        }
    }

    /** Whether the plan's settings (not the batch count) are the same as {@code other}'s. */
    public boolean sameSettings(BatchPlan other) {
        return tokenBudget == other.tokenBudget && maxBatch == other.maxBatch
                && blockSentences == other.blockSentences;
    }
}
