package dev.probe.activations;

import dev.probe.InvalidRequest;

/**
 * Which of {@code count} contiguous parts of a corpus to extract ({@code --shard index/count}, 1-based). The corpus's
 * plan blocks ({@link Batching}) are dealt out in order: shard {@code i} of {@code n} takes blocks
 * {@code [⌊(i−1)·m/n⌋, ⌊i·m/n⌋)} of the {@code m} blocks, so the shards tile the corpus and each runs exactly the
 * batches the whole extraction would.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record ShardSpec(int index, int count) {
    /** The most shards of one corpus. */
    public static final int MAX_COUNT = 1 << 20;

    /** Checks {@code 1 ≤ index ≤ count}. */
    public ShardSpec {
        InvalidRequest.check("shard", count, 1, MAX_COUNT);
        InvalidRequest.check("shard", index, 1, count);
    }

    /**
     * Parses {@code "i/n"}.
     *
     * @throws InvalidRequest (field {@code shard}) when it is not two positive integers with {@code i ≤ n}
     */
    public static ShardSpec parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9]{1,7}/[0-9]{1,7}")) {
            throw new InvalidRequest("shard", "expected i/n such as 2/4 (the i-th of n parts, 1-based), found '"
                    + text + "'");
        }
        int slash = t.indexOf('/');
        return new ShardSpec(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
    }

    /**
     * The sentences {@code [first, end)} this shard takes from a corpus.
     *
     * @param sentences sentences in the corpus
     * @param blockSentences sentences per plan block, at least 1
     * @throws InvalidRequest (field {@code shard}) when the corpus has fewer blocks than shards, so a shard would be
     *     empty
     */
    public int[] sentenceRange(int sentences, int blockSentences) {
        if (blockSentences < 1) {
            throw new InvalidRequest("shard", "sharding needs plan blocks (--plan-block of at least 1)");
        }
        long blocks = (sentences + (long) blockSentences - 1) / blockSentences;
        if (blocks < count) {
            throw new InvalidRequest("shard", "the corpus has " + sentences + " sentences, " + blocks
                    + " plan blocks of " + blockSentences + ": too few for " + count
                    + " shards; use fewer shards or a smaller --plan-block");
        }
        long firstBlock = (index - 1L) * blocks / count;
        long endBlock = (long) index * blocks / count;
        return new int[] {(int) Math.min(sentences, firstBlock * blockSentences),
            (int) Math.min(sentences, endBlock * blockSentences)};
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
