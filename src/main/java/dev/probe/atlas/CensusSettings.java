package dev.probe.atlas;

import dev.probe.InvalidRequest;

/**
 * The thresholds of a {@link Census}.
 *
 * @param minCount word types (and bigrams) seen fewer times than this are pooled: rare types into one group, rare
 *     bigrams into the group of their word type
 * @param activeAbove a neuron is active on a word when its activation is above this value
 * @param deadShare a neuron is dead when the share of words it is active on is at most this
 * @param rareShare a neuron that is not dead is rarely active when that share is at most this
 * @param tokenThreshold a token detector has η² by word type at least this (and above its permuted-type baseline); an
 *     n-gram detector has bigram η² at least this
 * @param ngramMargin an n-gram detector's bigram ω² exceeds its word-type ω² by at least this
 * @param positionThreshold a positional neuron has |r| with the word's index in its sentence at least this
 * @param seed the seed of the permutation of word types for the chance baseline of η²
 */
public record CensusSettings(int minCount, double activeAbove, double deadShare, double rareShare,
        double tokenThreshold, double ngramMargin, double positionThreshold, long seed) {
    /** Default {@code --min-count}. */
    public static final int MIN_COUNT = 5;
    /** Default {@code --dead-share}. */
    public static final double DEAD_SHARE = 0.001;
    /** The rarely-active share. */
    public static final double RARE_SHARE = 0.01;
    /** Default {@code --token-threshold}. */
    public static final double TOKEN_THRESHOLD = 0.5;
    /** Default {@code --ngram-margin}. */
    public static final double NGRAM_MARGIN = 0.1;
    /** Default {@code --position-threshold}. */
    public static final double POSITION_THRESHOLD = 0.5;
    /** The permutation seed. */
    public static final long SEED = 20231;

    /** Checks the ranges. */
    public CensusSettings {
        InvalidRequest.check("min-count", minCount, 1, Integer.MAX_VALUE);
        if (!Double.isFinite(activeAbove)) {
            throw new InvalidRequest("active-above", "must be a finite number, found " + activeAbove);
        }
        InvalidRequest.check("dead-share", deadShare, 0, 1);
        InvalidRequest.check("rare-share", rareShare, 0, 1);
        InvalidRequest.check("token-threshold", tokenThreshold, 0, 1);
        InvalidRequest.check("ngram-margin", ngramMargin, 0, 1);
        InvalidRequest.check("position-threshold", positionThreshold, 0, 1);
    }

    /** The defaults: {@code --min-count 5 --active-above 0 --dead-share 0.001 --token-threshold 0.5 …}. */
    public static CensusSettings defaults() {
        return new CensusSettings(MIN_COUNT, 0, DEAD_SHARE, RARE_SHARE, TOKEN_THRESHOLD, NGRAM_MARGIN,
                POSITION_THRESHOLD, SEED);
    }
}
