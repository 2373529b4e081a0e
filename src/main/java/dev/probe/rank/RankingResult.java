package dev.probe.rank;

import dev.probe.Provenance;
import dev.probe.probe.solver.Convergence;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code ranking.json}: which neurons, how many, in which layers. Accuracies are fractions in [0, 1].
 *
 * @param formatVersion 1
 * @param tool who wrote it and when
 * @param inputs where the activations and probe came from
 * @param settings the analysis settings
 * @param ordering neuron ids, best first (Linguistic Correlation Analysis over the oracle probe's weights)
 * @param cutoffs ordering length after each weight-mass step p = 0, 0.01, …, 1, then the total
 * @param oracle the probe on all neurons
 * @param minimalSet the smallest prefix of the ordering whose retrained probe is within δ of the oracle (dev)
 * @param search every prefix size tried by the minimal-set search, in size order
 * @param keep top / random / bottom sets at 10, 15 and 20 %: retrained and zero-out ablation accuracies
 * @param curves kind ("top", "random", "bottom") → keep-only ablation accuracy against set size (for the plot)
 * @param layers layer distribution of the minimal set and localization figures
 * @param perClass each class's top neurons and the words that activate them most
 * @param grid the λ1 × λ2 selection, or null when no grid was searched
 * @param seconds wall time of the whole analysis
 * @param request the settings asked for ({@code probe run} keeps the ranking when its settings equal these)
 * @param perLayer probes on each layer's neurons ({@code probe rank --per-layer}), or null (also in files written
 *     before it existed)
 * @param diagnostics the oracle's baselines, per-class scores and confusions, or null (files written before format 4)
 */
public record RankingResult(int formatVersion, Provenance tool, Inputs inputs, Settings settings, int[] ordering,
        int[] cutoffs, Oracle oracle, MinimalSet minimalSet, List<Point> search, List<Keep> keep,
        Map<String, List<Point>> curves, Layers layers, List<ClassTop> perClass, Grid grid, double seconds,
        RankSettings request, LayerTable perLayer, OracleDiagnostics diagnostics) {

    /** A ranking without diagnostics (files written before format 4). */
    public RankingResult(int formatVersion, Provenance tool, Inputs inputs, Settings settings, int[] ordering,
            int[] cutoffs, Oracle oracle, MinimalSet minimalSet, List<Point> search, List<Keep> keep,
            Map<String, List<Point>> curves, Layers layers, List<ClassTop> perClass, Grid grid, double seconds,
            RankSettings request, LayerTable perLayer) {
        this(formatVersion, tool, inputs, settings, ordering, cutoffs, oracle, minimalSet, search, keep, curves, layers,
                perClass, grid, seconds, request, perLayer, null);
    }

    /** A ranking without per-layer probes. */
    public RankingResult(int formatVersion, Provenance tool, Inputs inputs, Settings settings, int[] ordering,
            int[] cutoffs, Oracle oracle, MinimalSet minimalSet, List<Point> search, List<Keep> keep,
            Map<String, List<Point>> curves, Layers layers, List<ClassTop> perClass, Grid grid, double seconds,
            RankSettings request) {
        this(formatVersion, tool, inputs, settings, ordering, cutoffs, oracle, minimalSet, search, keep, curves, layers,
                perClass, grid, seconds, request, null, null);
    }

    /**
     * Current format version (3: the request and the label column; 4: diagnostics, signed class-conditional top
     * words).
     */
    public static final int FORMAT_VERSION = 4;

    /** The task's name: the one asked for, else the label column. */
    public String taskName() {
        if (request != null && request.name() != null) {
            return request.name();
        }
        return inputs == null ? null : inputs.labelColumn();
    }

    /** This result, recording the settings asked for. */
    public RankingResult withRequest(RankSettings settings) {
        return new RankingResult(formatVersion, tool, inputs, this.settings, ordering, cutoffs, oracle, minimalSet,
                search, keep, curves, layers, perClass, grid, seconds, settings, perLayer, diagnostics);
    }

    /** This result with per-layer probes. */
    public RankingResult withPerLayer(LayerTable table) {
        return new RankingResult(formatVersion, tool, inputs, settings, ordering, cutoffs, oracle, minimalSet, search,
                keep, curves, layers, perClass, grid, seconds, request, table, diagnostics);
    }

    /**
     * Inputs.
     *
     * @param model alias or path of the model
     * @param architecture model type
     * @param configSha256 its config hash
     * @param point "hidden" or "ffn"
     * @param layers the stores' layers, in neuron-id order
     * @param width neurons per layer
     * @param neurons total neurons
     * @param labelColumn the task's label column as the store records it
     * @param stores split name → store directory
     * @param storeManifests split name → SHA-256 of the store's manifest.json
     * @param probe the probe directory when one was given, else null
     */
    public record Inputs(String model, String architecture, String configSha256, String point, List<Integer> layers,
            int width, int neurons, String labelColumn, Map<String, String> stores, Map<String, String> storeManifests,
            String probe) {
    }

    /**
     * Settings.
     *
     * @param l1 λ1 of the probes
     * @param l2 λ2 of the probes
     * @param delta allowed dev-accuracy drop of the minimal set, in points (1 = one accuracy point)
     * @param schedule the fractions of neurons the search tries before refining
     * @param seed seed of the probes and of the random sets
     */
    public record Settings(double l1, double l2, double delta, double[] schedule, long seed) {
    }

    /**
     * Accuracies of the oracle probe.
     *
     * @param dev dev accuracy
     * @param test test accuracy, or NaN without a test split
     * @param selectivity dev accuracy minus control-task dev accuracy, or NaN when no control task was run
     * @param convergence how the oracle's optimisation ended, or null for a probe given with {@code --probe}
     * @param controlConvergence how the control-task probe's optimisation ended, or null without a control task
     */
    public record Oracle(double dev, double test, double selectivity, Convergence convergence,
            Convergence controlConvergence) {
    }

    /**
     * The minimal neuron set.
     *
     * @param size number of neurons
     * @param fraction size / all neurons
     * @param dev retrained dev accuracy
     * @param test retrained test accuracy (NaN without test)
     * @param neurons the neuron ids, in ordering order
     */
    public record MinimalSet(int size, double fraction, double dev, double test, int[] neurons) {
    }

    /**
     * One set size and its accuracies.
     *
     * @param size neurons
     * @param fraction size / all neurons
     * @param dev dev accuracy
     * @param test test accuracy (NaN without test)
     * @param convergence how the retrained probe's optimisation ended, or null for an ablation (no training)
     */
    public record Point(int size, double fraction, double dev, double test, Convergence convergence) {
        /** The same point with the convergence record of the probe behind it. */
        public Point trainedWith(Convergence c) {
            return new Point(size, fraction, dev, test, c);
        }
    }

    /**
     * A top, random or bottom set and what it is worth.
     *
     * @param kind "top", "random" or "bottom"
     * @param percent 10, 15 or 20
     * @param size neurons in the set
     * @param retrained dev and test accuracy of a probe retrained on the set
     * @param keepOnly dev and test accuracy of the oracle with every other neuron's weights zeroed
     * @param removed dev and test accuracy of the oracle with this set's weights zeroed
     */
    public record Keep(String kind, int percent, int size, Point retrained, Point keepOnly, Point removed) {
    }

    /**
     * Layer distribution of the minimal set.
     *
     * @param counts per layer: count and share
     * @param entropy Shannon entropy of the shares, bits
     * @param maxEntropy log2 of the number of layers
     * @param bottomThird share in the lowest third of the layers
     * @param middleThird share in the middle third
     * @param topThird share in the top third
     */
    public record Layers(List<LayerDistribution.Layer> counts, double entropy, double maxEntropy, double bottomThird,
            double middleThird, double topThird) {
    }

    /**
     * One class's top neurons.
     *
     * @param label the class label
     * @param neurons its top neurons, best first
     */
    public record ClassTop(String label, List<NeuronWords> neurons) {
    }

    /**
     * A class's top neuron and the words it responds to, as signed means of its z-scored activation (z over the
     * training rows; word types seen fewer than {@link ClassWords#MIN_COUNT} times are left out, unless that leaves a
     * class none).
     *
     * @param neuron neuron id
     * @param layer its layer
     * @param unit its unit within the layer
     * @param weight its weight for the class
     * @param inClass the word types of this class with the largest mean |z| on this class's tokens, sign kept
     * @param positive the word types (any class) on which it fires most strongly positive
     * @param negative the word types (any class) on which it fires most strongly negative
     */
    public record NeuronWords(int neuron, int layer, int unit, double weight, List<WordScore> inClass,
            List<WordScore> positive, List<WordScore> negative) {
    }

    /**
     * A word type's mean z-score of one neuron.
     *
     * @param word the word type
     * @param z the mean z-score over its tokens (signed)
     * @param count its tokens
     */
    public record WordScore(String word, double z, int count) {
    }

    /**
     * The λ grid.
     *
     * @param rows every setting tried
     * @param chosenL1 the chosen λ1
     * @param chosenL2 the chosen λ2
     * @param rule how the choice was made
     */
    public record Grid(List<GridRow> rows, double chosenL1, double chosenL2, String rule) {
    }

    /**
     * One λ setting.
     *
     * @param l1 λ1
     * @param l2 λ2
     * @param oracleDev dev accuracy on all neurons
     * @param top20Dev dev accuracy keeping only the top 20 % (zero-out)
     * @param bottom20Dev dev accuracy keeping only the bottom 20 % (zero-out)
     * @param convergence how this setting's probe's optimisation ended
     */
    public record GridRow(double l1, double l2, double oracleDev, double top20Dev, double bottom20Dev,
            Convergence convergence) {
    }
}
