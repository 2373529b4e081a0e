package dev.probe.activations;

/**
 * A run of consecutive words of one sentence that goes through the model in one sequence. A sentence that fits the
 * model is one segment; a longer one is split into overlapping windows, each of which <em>owns</em> the words it gives
 * activations for.
 *
 * @param sentence index of the sentence in the corpus
 * @param firstWord first word in the window
 * @param endWord one past the last word in the window
 * @param ownedFirst first word whose activation this window provides
 * @param ownedEnd one past the last owned word
 * @param firstSubword index (in the sentence's subwords) of the first subword in the window
 * @param endSubword one past the last subword in the window
 */
public record Segment(int sentence, int firstWord, int endWord, int ownedFirst, int ownedEnd, int firstSubword,
        int endSubword) {
    public Segment {
        if (!(firstWord <= ownedFirst && ownedFirst <= ownedEnd && ownedEnd <= endWord && firstSubword <= endSubword)) {
            throw new IllegalArgumentException("inconsistent segment " + firstWord + ".." + endWord + " owning "
                    + ownedFirst + ".." + ownedEnd);
        }
    }

    /** Number of subwords in the window (special tokens not included). */
    public int subwords() {
        return endSubword - firstSubword;
    }
}
