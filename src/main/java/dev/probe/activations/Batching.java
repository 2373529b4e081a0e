package dev.probe.activations;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups segments into batches of similar length so little compute goes to padding: segments are sorted by length
 * (longest first, so memory peaks show at once) and packed while {@code count × longest ≤ tokenBudget} and
 * {@code count ≤ maxBatch}.
 */
public final class Batching {
    private Batching() {
    }

    /**
     * Packs segments into batches.
     *
     * @param segments the segments of a corpus
     * @param specials special tokens added to each sequence
     * @param tokenBudget the most padded tokens in one batch (a longer single sequence still forms its own batch)
     * @param maxBatch the most sequences in one batch
     * @return batches, each a list of segments, longest first; deterministic for the same input
     */
    public static List<List<Segment>> pack(List<Segment> segments, int specials, int tokenBudget, int maxBatch) {
        if (tokenBudget < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("token budget and batch size must be positive");
        }
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingInt(Segment::subwords).reversed().thenComparingInt(Segment::sentence)
                .thenComparingInt(Segment::firstWord));
        List<List<Segment>> batches = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        int longest = 0;
        for (Segment segment : sorted) {
            int length = segment.subwords() + specials;
            int newLongest = Math.max(longest, length);
            if (!current.isEmpty() && ((current.size() + 1L) * newLongest > tokenBudget || current.size() >= maxBatch)) {
                batches.add(current);
                current = new ArrayList<>();
                newLongest = length;
            }
            current.add(segment);
            longest = newLongest;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
