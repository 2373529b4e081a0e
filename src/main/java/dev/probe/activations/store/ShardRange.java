package dev.probe.activations.store;

/**
 * Which part of the corpus a shard store holds ({@code probe extract --shard}), in {@code manifest.json} as
 * {@code shard}: sentences {@code [firstSentence, endSentence)} of the corpus, whose words are rows
 * {@code [firstRow, endRow)} of the whole corpus's matrix. The shard's own matrix holds just those rows; its
 * {@code tokens.tsv} numbers sentences as the whole corpus does.
 *
 * @param index this shard's number, 1-based
 * @param count how many shards the corpus was cut into
 * @param firstSentence the first sentence (0-based corpus index)
 * @param endSentence one past the last sentence
 * @param firstRow the whole corpus's row of the shard's first word
 * @param endRow one past the whole corpus's row of the shard's last word
 * @param corpusSentences sentences in the whole corpus
 * @param corpusWords words in the whole corpus
 */
public record ShardRange(int index, int count, int firstSentence, int endSentence, long firstRow, long endRow,
        int corpusSentences, long corpusWords) {
    /** Checks that the ranges are ordered and lie in the corpus. */
    public ShardRange {
        if (count < 1 || index < 1 || index > count || firstSentence < 0 || endSentence < firstSentence
                || endSentence > corpusSentences || firstRow < 0 || endRow < firstRow || endRow > corpusWords) {
            throw new IllegalArgumentException("invalid shard " + index + "/" + count + ": sentences [" + firstSentence
                    + ", " + endSentence + ") of " + corpusSentences + ", rows [" + firstRow + ", " + endRow + ") of "
                    + corpusWords);
        }
    }

    /** Rows the shard holds. */
    public long rows() {
        return endRow - firstRow;
    }

    /** {@code "i/n"}. */
    public String label() {
        return index + "/" + count;
    }
}
