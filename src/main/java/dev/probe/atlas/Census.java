package dev.probe.atlas;

import dev.probe.Provenance;
import java.util.List;

/**
 * The content of {@code census.json}: which neurons of a store are dead, rarely active, token detectors, n-gram
 * detectors or positional (Voita et al. 2023), per neuron and per layer. A neuron may be of several kinds. Numbers
 * that are undefined for a neuron (η², ω² and r of a constant neuron; r when every word sits at the same position)
 * are {@code null}, never NaN, and {@link Neuron#undefined} says why.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param tool who wrote it and when
 * @param store the store described
 * @param model the model behind the activations
 * @param point "hidden" (residual stream, layer outputs) or "ffn" (feed-forward activations)
 * @param settings the thresholds used
 * @param groups the word groups η² is measured over
 * @param layers one summary per layer of the store, in the store's order
 * @param top the ten highest-scoring neurons of each kind, over all layers
 * @param histogram how η², its permuted-type baseline and |r| are distributed over the neurons
 * @param neurons every neuron, by matrix column
 * @param seconds wall time of the pass over the store
 */
public record Census(int formatVersion, Provenance tool, StoreRef store, ModelRef model, String point,
        CensusSettings settings, Groups groups, List<Layer> layers, Top top, Histogram histogram,
        List<Neuron> neurons, double seconds) {

    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside the output folder. */
    public static final String FILE_NAME = "census.json";

    /** Copies the lists. */
    public Census {
        layers = List.copyOf(layers);
        neurons = List.copyOf(neurons);
    }

    /**
     * @param path the store folder
     * @param manifestSha256 SHA-256 of its manifest.json
     * @param rows words
     * @param sentences sentences
     */
    public record StoreRef(String path, String manifestSha256, long rows, int sentences) {
    }

    /**
     * @param spec the model's alias or path
     * @param architecture its model type
     * @param configSha256 SHA-256 of its config
     * @param weightsSha256 SHA-256 of its weights, or null when the store does not record it
     */
    public record ModelRef(String spec, String architecture, String configSha256, String weightsSha256) {
    }

    /**
     * @param words rows of the store
     * @param wordTypes distinct word types (token texts, case-sensitive)
     * @param frequentTypes word types seen at least {@code min_count} times, each a group of its own
     * @param pooledWords words of the rarer types, pooled as one group
     * @param bigramTypes distinct bigrams (previous word of the sentence, word)
     * @param frequentBigrams bigrams seen at least {@code min_count} times, each a group of its own (the other words
     *     stay in their word type's group)
     * @param chanceEta2 the expected η² of a neuron unrelated to the words, (K − 1) / (N − 1) for K word-type groups
     * @param accumulatorBytes bytes of the group sums held during the pass
     */
    public record Groups(long words, int wordTypes, int frequentTypes, long pooledWords, int bigramTypes,
            int frequentBigrams, double chanceEta2, long accumulatorBytes) {
    }

    /**
     * One layer's census.
     *
     * @param layer the layer index
     * @param neurons its neurons
     * @param dead active on at most {@code dead_share} of the words, or negligible
     * @param rarelyActive not dead, active on at most {@code rare_share} of the words
     * @param constant one value on every word (η² and r undefined), or negligible next to the layer's other neurons
     *     (root mean square below 10⁻⁶ of the layer's median; counted as dead, scores not computed)
     * @param tokenDetectors η² by word type ≥ {@code token_threshold} and above the permuted baseline
     * @param ngramDetectors bigram η² ≥ {@code token_threshold} and bigram ω² − word-type ω² ≥ {@code ngram_margin}
     * @param positional |r| with the word index ≥ {@code position_threshold}
     * @param meanActiveShare mean share of words a neuron is active on
     * @param meanEta2 mean η² by word type over the non-constant neurons (null when there are none)
     * @param meanPermutedEta2 mean η² with word types permuted (chance level), likewise
     * @param meanAbsR mean |r| with the word index, likewise
     */
    public record Layer(int layer, int neurons, int dead, int rarelyActive, int constant, int tokenDetectors,
            int ngramDetectors, int positional, double meanActiveShare, Double meanEta2, Double meanPermutedEta2,
            Double meanAbsR) {
    }

    /**
     * One neuron's census.
     *
     * @param id its matrix column
     * @param name {@code L<layer>:<unit>}
     * @param layer its layer index
     * @param activeShare share of words with activation above {@code active_above}
     * @param eta2 η² by word type: between-type sum of squares / total sum of squares
     * @param eta2Permuted η² over the same group sizes with word types permuted (chance level)
     * @param omega2 ω² by word type, η² adjusted for the number of groups (may be negative)
     * @param bigramEta2 η² by bigram (refines the word types, so ≥ {@code eta2})
     * @param bigramOmega2 ω² by bigram
     * @param positionR Pearson r with the word's 0-based index in its sentence
     * @param lengthR Pearson r with its sentence's length in words
     * @param topWord the frequent word type with the highest mean activation
     * @param topWordMean that mean
     * @param topBigram the frequent bigram with the highest mean activation, or null when no bigram is frequent
     * @param topBigramMean that mean
     * @param undefined why some of the numbers above are null, or null when none is
     * @param dead whether it is dead
     * @param rarelyActive whether it is rarely active
     * @param tokenDetector whether it is a token detector
     * @param ngramDetector whether it is an n-gram detector
     * @param positional whether it is positional
     */
    public record Neuron(int id, String name, int layer, double activeShare, Double eta2, Double eta2Permuted,
            Double omega2, Double bigramEta2, Double bigramOmega2, Double positionR, Double lengthR, String topWord,
            Double topWordMean, String topBigram, Double topBigramMean, String undefined, boolean dead,
            boolean rarelyActive, boolean tokenDetector, boolean ngramDetector, boolean positional) {
    }

    /**
     * A neuron in a top-ten list.
     *
     * @param name {@code L<layer>:<unit>}
     * @param id its matrix column
     * @param layer its layer
     * @param score its score for the list: active share (dead), η² (token), ω² gain of bigrams (n-gram), |r|
     *     (positional)
     * @param detector whether it passes the list's threshold
     * @param word its top word type (token) or bigram (n-gram), else null
     * @param wordMean that word's mean activation, else null
     */
    public record TopNeuron(String name, int id, int layer, double score, boolean detector, String word,
            Double wordMean) {
    }

    /**
     * @param dead the ten least active neurons
     * @param token the ten highest η² by word type
     * @param ngram the ten largest gains of bigram ω² over word-type ω²
     * @param positional the ten highest |r| with the word index
     */
    public record Top(List<TopNeuron> dead, List<TopNeuron> token, List<TopNeuron> ngram,
            List<TopNeuron> positional) {
    }

    /**
     * Neuron counts in ten bins of width 0.1 on [0, 1] (the last bin includes 1), over the non-constant neurons.
     *
     * @param eta2 η² by word type
     * @param eta2Permuted η² with word types permuted
     * @param bigramEta2 η² by bigram
     * @param absR |r| with the word index
     */
    public record Histogram(long[] eta2, long[] eta2Permuted, long[] bigramEta2, long[] absR) {
    }

    /** The number of neurons of every layer together that are of each kind: dead, token, n-gram, positional. */
    public int[] totals() {
        int[] t = new int[4];
        for (Layer l : layers) {
            t[0] += l.dead();
            t[1] += l.tokenDetectors();
            t[2] += l.ngramDetectors();
            t[3] += l.positional();
        }
        return t;
    }
}
