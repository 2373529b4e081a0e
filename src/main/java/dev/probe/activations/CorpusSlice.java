package dev.probe.activations;

import dev.probe.activations.store.ShardRange;
import dev.probe.corpus.Corpus;
import dev.probe.corpus.Sentence;
import java.util.List;
import java.util.Objects;

/**
 * The sentences one extraction runs over: a whole corpus, or one shard of it ({@link ShardSpec}) with the range it
 * covers. A shard's corpus keeps the whole file's path and digest; only its sentences are the shard's.
 *
 * @param corpus the sentences to extract (for a shard, a corpus of just its sentences)
 * @param shard the range of the whole corpus, or null for the whole corpus
 * @param classes the labels of the whole corpus's label column, sorted: shards of one corpus share them, so their
 *     per-class statistics line up
 */
public record CorpusSlice(Corpus corpus, ShardRange shard, List<String> classes) {
    /** Requires the corpus; a shard's sentence count must match its range. */
    public CorpusSlice {
        Objects.requireNonNull(corpus, "corpus");
        classes = List.copyOf(classes);
        if (shard != null && shard.endSentence() - shard.firstSentence() != corpus.sentences().size()) {
            throw new IllegalArgumentException("shard " + shard.label() + " covers "
                    + (shard.endSentence() - shard.firstSentence()) + " sentences, the slice has "
                    + corpus.sentences().size());
        }
    }

    /** The whole corpus. */
    public CorpusSlice(Corpus whole) {
        this(whole, null, List.copyOf(whole.labelCounts().keySet()));
    }

    /**
     * The part of {@code whole} a request asks for.
     *
     * @param part the shard, or null for the whole corpus
     * @param blockSentences sentences per plan block
     * @throws dev.probe.InvalidRequest when the corpus has fewer plan blocks than shards
     */
    public static CorpusSlice of(Corpus whole, ShardSpec part, int blockSentences) {
        if (part == null) {
            return new CorpusSlice(whole);
        }
        List<Sentence> all = whole.sentences();
        int[] range = part.sentenceRange(all.size(), blockSentences);
        Corpus before = new Corpus(whole.file(), whole.sha256(), whole.format(), whole.labelColumn(),
                whole.columns(), all.subList(0, range[0]));
        Corpus sentences = new Corpus(whole.file(), whole.sha256(), whole.format(), whole.labelColumn(),
                whole.columns(), all.subList(range[0], range[1]));
        long firstRow = before.wordCount();
        return new CorpusSlice(sentences, new ShardRange(part.index(), part.count(), range[0], range[1], firstRow,
                firstRow + sentences.wordCount(), all.size(), whole.wordCount()),
                List.copyOf(whole.labelCounts().keySet()));
    }

    /** The corpus index of the slice's first sentence. */
    public int firstSentence() {
        return shard == null ? 0 : shard.firstSentence();
    }
}
