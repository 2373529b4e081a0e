package dev.probe.atlas;

import dev.probe.InvalidRequest;

/**
 * How much of a neuron {@link NeuronProfiler} describes.
 *
 * @param top contexts shown at each end (the highest and the lowest activations)
 * @param minCount least occurrences of a word type in the signed top words
 * @param bins histogram bins over [min, max]
 * @param classes classes drawn on their own in the histogram (the rest are "other")
 * @param quantileWords words shown at each quantile
 * @param heatSentences words at each end whose sentences make the heat-map
 */
public record ProfileOptions(int top, int minCount, int bins, int classes, int quantileWords, int heatSentences) {
    /** Default contexts at each end. */
    public static final int TOP = 10;
    /** Default least occurrences of a word type. */
    public static final int MIN_COUNT = 5;

    /** Checks the ranges. */
    public ProfileOptions {
        InvalidRequest.check("top", top, 1, 1000);
        InvalidRequest.check("minCount", minCount, 1, Integer.MAX_VALUE);
        InvalidRequest.check("bins", bins, 1, 1000);
        InvalidRequest.check("classes", classes, 1, 100);
        InvalidRequest.check("quantileWords", quantileWords, 1, 100);
        InvalidRequest.check("heatSentences", heatSentences, 0, 100);
    }

    /** 10 contexts, min count 5, 40 bins, 8 classes, 3 words per quantile, 3 + 3 heat-map sentences. */
    public static ProfileOptions defaults() {
        return new ProfileOptions(TOP, MIN_COUNT, 40, 8, 3, 3);
    }

    /** These options with {@code top} contexts and {@code minCount}. */
    public ProfileOptions with(int top, int minCount) {
        return new ProfileOptions(top, minCount, bins, classes, quantileWords, heatSentences);
    }
}
