package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.probe.ClassificationMetrics;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeData;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;

/**
 * Accuracies of probes on the dev and test splits: retrained on a neuron subset, or the oracle with some weights
 * zeroed (ablation). Training rows are never scored here: only dev and test matter for the analysis.
 */
final class Scorer {
    private final PreparedSplits splits;
    private final ProbeOptions options;
    private final int neurons;

    /**
     * @param splits train/dev[/test]
     * @param options probe settings for retraining
     * @param neurons total neurons of the stores
     */
    Scorer(PreparedSplits splits, ProbeOptions options, int neurons) {
        this.splits = splits;
        this.options = options;
        this.neurons = neurons;
    }

    int neurons() {
        return neurons;
    }

    /**
     * Trains a probe on these neurons and scores it.
     *
     * @throws ProbeException when a split holds a non-finite activation
     */
    RankingResult.Point retrained(int[] set) throws ProbeException {
        Features features = new Features(set.clone(), null, null);
        LinearProbe probe = ProbeTraining.fit(splits, features, options, (e, l, n) -> { }).probe();
        return score(probe, set.length, true);
    }

    /**
     * Scores a probe on dev and (when {@code withTest}) test.
     *
     * @throws ProbeException when a split holds a non-finite activation
     */
    RankingResult.Point score(LinearProbe probe, int size, boolean withTest) throws ProbeException {
        double dev = accuracy(probe, splits.get("dev"));
        double test = withTest ? accuracy(probe, splits.get("test")) : Double.NaN;
        return new RankingResult.Point(size, (double) size / neurons, dev, test);
    }

    /**
     * The oracle with only {@code keep} (or everything but {@code keep} when {@code invert}) left; other weights
     * zeroed, bias unchanged.
     *
     * @param oracle a probe over all neurons (probe column i = neuron i)
     */
    static LinearProbe zeroOut(LinearProbe oracle, int[] keep, boolean invert) {
        boolean[] inSet = new boolean[oracle.width()];
        for (int n : keep) {
            inSet[n] = true;
        }
        float[] w = oracle.weights().clone();
        for (int c = 0; c < oracle.outputs(); c++) {
            for (int j = 0; j < oracle.width(); j++) {
                if (inSet[j] == invert) {
                    w[c * oracle.width() + j] = 0;
                }
            }
        }
        return oracle.withWeights(w);
    }

    private static double accuracy(LinearProbe probe, ProbeData data) throws ProbeException {
        if (data == null) {
            return Double.NaN;
        }
        return ((ClassificationMetrics) ProbeTraining.evaluate(probe, data)).accuracy();
    }
}
