package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.probe.ClassificationMetrics;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeData;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import java.util.function.Consumer;

/**
 * Accuracies of probes on the dev and test splits: retrained on a neuron subset, or the oracle with some weights
 * zeroed (ablation). Training rows are never scored here: only dev and test matter for the analysis.
 */
final class Scorer implements SubsetScorer {
    private final PreparedSplits splits;
    private final ProbeOptions options;
    private final int neurons;
    private final TrainingStatistics stats;
    private final LinearProbe warmStart;
    private final Consumer<String> warnings;

    /**
     * @param splits train/dev[/test]
     * @param options probe settings for retraining
     * @param neurons total neurons of the stores
     * @param stats the training split's statistics
     * @param warmStart the probe retrained probes start from (the oracle), or null
     * @param warnings told one line for each retrained probe that does not converge
     */
    Scorer(PreparedSplits splits, ProbeOptions options, int neurons, TrainingStatistics stats, LinearProbe warmStart,
            Consumer<String> warnings) {
        this.splits = splits;
        this.options = options;
        this.neurons = neurons;
        this.stats = stats;
        this.warmStart = warmStart;
        this.warnings = warnings;
    }

    /** The same scorer, with retrained probes starting from {@code probe}. */
    Scorer warmStartingFrom(LinearProbe probe) {
        return new Scorer(splits, options, neurons, stats, probe, warnings);
    }

    /** The same scorer with other probe settings. */
    Scorer withOptions(ProbeOptions newOptions) {
        return new Scorer(splits, newOptions, neurons, stats, warmStart, warnings);
    }

    /** Trains a probe on these neurons (warm-started) and scores it. */
    @Override
    public RankingResult.Point retrained(int[] set) throws ProbeException {
        Features features = new Features(set.clone(), null, null);
        ElasticNetTrainer.Result r = ProbeTraining.fit(splits, stats, features, options, warmStart, f -> { });
        if (!r.convergence().converged()) {
            warnings.accept(r.convergence().warning("the probe retrained on " + set.length + " neurons"));
        }
        return score(r.probe(), set.length, true).trainedWith(r.convergence());
    }

    /** Trains, with this scorer's settings but these penalties, and measures one setting of a λ grid. */
    @Override
    public GridSearch.Trial trial(double l1, double l2, Ranker ranker) throws ProbeException {
        ProbeOptions chosen = options.withPenalties(l1, l2);
        ElasticNetTrainer.Result trained = ProbeTraining.fit(splits, stats, Features.all(), chosen, null, f -> { });
        if (!trained.convergence().converged()) {
            warnings.accept(trained.convergence().warning("the grid probe λ1 = " + l1 + ", λ2 = " + l2));
        }
        LinearProbe probe = trained.probe();
        int[] ordering = ranker.rank(new Ranker.Input(splits, stats, probe, chosen)).order();
        int k = Math.max(1, (int) Math.round(0.2 * ordering.length));
        double oracleDev = score(probe, probe.width(), false).dev();
        double top = score(zeroOut(probe, WeightRankings.topK(ordering, k), false), k, false).dev();
        double bottom = score(zeroOut(probe, WeightRankings.bottomK(ordering, k), false), k, false).dev();
        return new GridSearch.Trial(new RankingResult.GridRow(l1, l2, oracleDev, top, bottom, trained.convergence()),
                trained);
    }

    /** Scores a probe on dev and (when {@code withTest}) test; no convergence record (see Point#trainedWith). */
    RankingResult.Point score(LinearProbe probe, int size, boolean withTest) throws ProbeException {
        double dev = accuracy(probe, splits.get("dev"));
        double test = withTest ? accuracy(probe, splits.get("test")) : Double.NaN;
        return new RankingResult.Point(size, (double) size / neurons, dev, test, null);
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
