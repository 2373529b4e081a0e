package dev.probe.atlas;

import dev.probe.activations.store.TokenRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The groups the census compares activations across, from one cheap pass over the token rows: every row's word-type
 * group, bigram group and permuted word-type group, its index in its sentence and its sentence's length.
 *
 * <p>Word types are the token texts as stored (case-sensitive). Group 0 pools every word whose type occurs fewer than
 * {@code minCount} times; each other type has a group of its own. A bigram is the previous word of the same sentence
 * and the word ({@code <s>} before a sentence's first word); a bigram seen at least {@code minCount} times has a group
 * of its own, every other row stays in its word type's group. So the bigram groups refine the word-type groups, and the
 * bigram η² is never below the word-type η². The permuted groups are the word-type groups shuffled over the rows with a
 * fixed seed: the same group sizes, no relation to the words (the chance level of η²).
 *
 * <p>Memory: the counting maps hold at most one entry per row; the census then keeps {@code (2·U + B) × neurons}
 * doubles of group sums, where {@code U ≤ 1 + rows / minCount} word-type groups and {@code B ≤ U + rows / minCount}
 * bigram groups.
 */
public final class WordGroups {
    /** The label of the pooled group of rare word types. */
    public static final String POOLED = "<rare>";
    /** The previous word of a sentence's first word. */
    public static final String START = "<s>";

    private final int[] unigram;
    private final int[] bigram;
    private final int[] permuted;
    private final int[] position;
    private final int[] length;
    private final List<String> unigramLabels;
    private final List<String> bigramLabels;
    private final long[] unigramCounts;
    private final long[] bigramCounts;
    private final int wordTypes;
    private final int bigramTypes;
    private final long pooledRows;

    private record Bigram(String previous, String word) {
    }

    private WordGroups(int[] unigram, int[] bigram, int[] permuted, int[] position, int[] length,
            List<String> unigramLabels, List<String> bigramLabels, int wordTypes, int bigramTypes, long pooledRows) {
        this.unigram = unigram;
        this.bigram = bigram;
        this.permuted = permuted;
        this.position = position;
        this.length = length;
        this.unigramLabels = List.copyOf(unigramLabels);
        this.bigramLabels = List.copyOf(bigramLabels);
        this.unigramCounts = counts(unigram, unigramLabels.size());
        this.bigramCounts = counts(bigram, bigramLabels.size());
        this.wordTypes = wordTypes;
        this.bigramTypes = bigramTypes;
        this.pooledRows = pooledRows;
    }

    /** The groups of {@code rows}, pooling types and bigrams seen fewer than {@code minCount} times. */
    public static WordGroups of(List<TokenRow> rows, int minCount, long seed) {
        int n = rows.size();
        Map<String, Integer> typeCounts = new HashMap<>();
        Map<Bigram, Integer> bigramCounts = new HashMap<>();
        Map<Long, Integer> sentenceLengths = new HashMap<>();
        Bigram[] bigrams = new Bigram[n];
        for (int i = 0; i < n; i++) {
            TokenRow r = rows.get(i);
            typeCounts.merge(r.token(), 1, Integer::sum);
            TokenRow prev = i > 0 ? rows.get(i - 1) : null;
            boolean follows = prev != null && prev.sentence() == r.sentence() && prev.word() == r.word() - 1;
            bigrams[i] = new Bigram(follows ? prev.token() : START, r.token());
            bigramCounts.merge(bigrams[i], 1, Integer::sum);
            sentenceLengths.merge((long) r.sentence(), r.word() + 1, Math::max);
        }
        List<String> uLabels = new ArrayList<>(List.of(POOLED));
        Map<String, Integer> uIds = new HashMap<>();
        int[] unigram = new int[n];
        long pooled = 0;
        for (int i = 0; i < n; i++) {
            String t = rows.get(i).token();
            if (typeCounts.get(t) >= minCount) {
                unigram[i] = uIds.computeIfAbsent(t, k -> {
                    uLabels.add(k);
                    return uLabels.size() - 1;
                });
            } else {
                pooled++;
            }
        }
        List<String> bLabels = new ArrayList<>(uLabels);
        Map<Bigram, Integer> bIds = new HashMap<>();
        int[] bigram = new int[n];
        int[] position = new int[n];
        int[] length = new int[n];
        for (int i = 0; i < n; i++) {
            Bigram b = bigrams[i];
            bigram[i] = bigramCounts.get(b) >= minCount ? bIds.computeIfAbsent(b, k -> {
                bLabels.add(k.previous() + " " + k.word());
                return bLabels.size() - 1;
            }) : unigram[i];
            position[i] = rows.get(i).word();
            length[i] = sentenceLengths.get((long) rows.get(i).sentence());
        }
        int[] permuted = unigram.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = permuted[i];
            permuted[i] = permuted[j];
            permuted[j] = t;
        }
        return new WordGroups(unigram, bigram, permuted, position, length, uLabels, bLabels, typeCounts.size(),
                bigramCounts.size(), pooled);
    }

    private static long[] counts(int[] groups, int size) {
        long[] c = new long[size];
        for (int g : groups) {
            c[g]++;
        }
        return c;
    }

    /** Rows. */
    public int rows() {
        return unigram.length;
    }

    /** The word-type group of row {@code i} (0: the pooled rare types). */
    public int unigram(int i) {
        return unigram[i];
    }

    /** The bigram group of row {@code i}: a word-type group id, or an id ≥ {@link #unigramGroups()}. */
    public int bigram(int i) {
        return bigram[i];
    }

    /** The permuted word-type group of row {@code i}. */
    public int permuted(int i) {
        return permuted[i];
    }

    /** The 0-based index of row {@code i}'s word in its sentence. */
    public int position(int i) {
        return position[i];
    }

    /** The number of words of row {@code i}'s sentence in the store. */
    public int length(int i) {
        return length[i];
    }

    /** Word-type groups, the pooled one included. */
    public int unigramGroups() {
        return unigramLabels.size();
    }

    /** Bigram groups: the word-type groups followed by the frequent bigrams. */
    public int bigramGroups() {
        return bigramLabels.size();
    }

    /** The label of word-type group {@code g}: the type, or {@link #POOLED}. */
    public String unigramLabel(int g) {
        return unigramLabels.get(g);
    }

    /** The label of bigram group {@code g}: "previous word", or a word-type label. */
    public String bigramLabel(int g) {
        return bigramLabels.get(g);
    }

    /** Rows in word-type group {@code g}. */
    public long unigramCount(int g) {
        return unigramCounts[g];
    }

    /** Rows in bigram group {@code g}. */
    public long bigramCount(int g) {
        return bigramCounts[g];
    }

    /** Distinct word types. */
    public int wordTypes() {
        return wordTypes;
    }

    /** Distinct bigrams. */
    public int bigramTypes() {
        return bigramTypes;
    }

    /** Rows whose word type is pooled as rare. */
    public long pooledRows() {
        return pooledRows;
    }

    /** Non-empty word-type groups. */
    public int nonEmptyUnigramGroups() {
        return nonEmpty(unigramCounts);
    }

    /** Non-empty bigram groups. */
    public int nonEmptyBigramGroups() {
        return nonEmpty(bigramCounts);
    }

    private static int nonEmpty(long[] counts) {
        int k = 0;
        for (long c : counts) {
            k += c > 0 ? 1 : 0;
        }
        return k;
    }
}
