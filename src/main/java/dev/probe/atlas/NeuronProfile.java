package dev.probe.atlas;

import java.util.List;

/**
 * One neuron in context: what {@link NeuronProfiler} computes from a store, as written to {@code neurons.json} and
 * drawn by {@code report.NeuronPage}. Every number is finite; a z-score is null where it is undefined (a constant
 * neuron, {@code sd == 0}).
 *
 * @param neuron {@code "L:U"}
 * @param layer the layer index as in the store's manifest
 * @param unit the unit within the layer
 * @param column the store's matrix column
 * @param labelColumn the annotation column whose values label the words
 * @param stats mean, sd, min and max over every word of the store
 * @param top the words with the highest activation, highest first
 * @param bottom the words with the lowest (most negative) activation, lowest first
 * @param quantiles a few words at each of the quantiles {@link #QUANTILES}, highest quantile first
 * @param histogram the activations in fixed bins over [min, max], split by class
 * @param positiveWords word types with the largest positive mean z, largest first (empty for a constant neuron)
 * @param negativeWords word types with the largest negative mean z, most negative first (empty for a constant neuron)
 * @param heatmap a few whole sentences with every word's activation
 */
public record NeuronProfile(String neuron, int layer, int unit, int column, String labelColumn, Stats stats,
        List<Context> top, List<Context> bottom, List<QuantileContexts> quantiles, Histogram histogram,
        List<WordScore> positiveWords, List<WordScore> negativeWords, Heatmap heatmap) {

    /** The quantiles whose contexts are shown, highest first. */
    public static final List<Double> QUANTILES = List.of(0.99, 0.90, 0.50, 0.10, 0.01);

    /** Copies the lists. */
    public NeuronProfile {
        top = List.copyOf(top);
        bottom = List.copyOf(bottom);
        quantiles = List.copyOf(quantiles);
        positiveWords = List.copyOf(positiveWords);
        negativeWords = List.copyOf(negativeWords);
    }

    /**
     * @param words the words (store rows) the statistics are over
     * @param mean the mean activation
     * @param sd the sample standard deviation (n − 1), 0 for a constant neuron or a single word
     * @param min the smallest activation
     * @param max the largest activation
     * @param constant whether every word has the same activation (no z-scores, no signed top words)
     */
    public record Stats(long words, double mean, double sd, double min, double max, boolean constant) {
        /** {@code (value − mean) / sd}, or null when the neuron is constant. */
        public Double z(double value) {
            return constant || !(sd > 0) ? null : (value - mean) / sd;
        }
    }

    /**
     * One word in its sentence.
     *
     * @param row the store row of the word
     * @param sentence the sentence index in the corpus
     * @param words the sentence's words, in order
     * @param index the position of the highlighted word in {@code words}
     * @param activation its activation
     * @param z its z-score, null for a constant neuron
     * @param label its value in the label column
     */
    public record Context(long row, int sentence, List<String> words, int index, double activation, Double z,
            String label) {
        /** Copies the words. */
        public Context {
            words = List.copyOf(words);
        }

        /** The highlighted word. */
        public String word() {
            return words.get(index);
        }
    }

    /**
     * The words nearest one quantile of the sorted activations.
     *
     * @param quantile q in (0, 1)
     * @param value the quantile value: linear interpolation between the sorted activations at position q·(n − 1)
     * @param contexts the words whose ranks are nearest that position, lowest activation first
     */
    public record QuantileContexts(double quantile, double value, List<Context> contexts) {
        /** Copies the contexts. */
        public QuantileContexts {
            contexts = List.copyOf(contexts);
        }
    }

    /**
     * The activations in equal bins over [lo, hi], per class.
     *
     * @param lo the lower edge of the first bin (the minimum)
     * @param hi the upper edge of the last bin (the maximum; the last bin includes it)
     * @param bins the number of bins (1 for a constant neuron)
     * @param classes the most frequent classes, most frequent first (ties: by name), then "other" when any word is
     *     left
     */
    public record Histogram(double lo, double hi, int bins, List<ClassCounts> classes) {
        /** Copies the classes. */
        public Histogram {
            classes = List.copyOf(classes);
        }

        /** The width of one bin (0 for a constant neuron). */
        public double binWidth() {
            return (hi - lo) / bins;
        }
    }

    /**
     * @param label the class, or {@value NeuronProfiler#OTHER} for every class not shown on its own
     * @param words its words
     * @param counts its words per bin
     */
    public record ClassCounts(String label, long words, long[] counts) {
    }

    /**
     * A word type's mean z-score.
     *
     * @param word the word type (the token text, exactly)
     * @param count its occurrences in the store
     * @param meanZ its activations' mean z-score
     */
    public record WordScore(String word, long count, double meanZ) {
    }

    /**
     * Sentences with every word's activation.
     *
     * @param scale the largest |activation| over the shown words; colours are activation / scale (0 when scale is 0)
     * @param sentences the sentences: those of the top positive contexts, then of the top negative ones, each once
     */
    public record Heatmap(double scale, List<HeatSentence> sentences) {
        /** Copies the sentences. */
        public Heatmap {
            sentences = List.copyOf(sentences);
        }
    }

    /**
     * @param sentence the sentence index in the corpus
     * @param words its words
     * @param activations each word's activation
     */
    public record HeatSentence(int sentence, List<String> words, double[] activations) {
        /** Copies the words and checks the lengths agree. */
        public HeatSentence {
            words = List.copyOf(words);
            if (activations.length != words.size()) {
                throw new IllegalArgumentException(words.size() + " words but " + activations.length + " activations");
            }
        }
    }
}
