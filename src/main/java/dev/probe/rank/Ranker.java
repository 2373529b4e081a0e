package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.TrainingStatistics;
import dev.probe.rank.stats.ClassStatistics;
import java.util.function.Consumer;

/**
 * A neuron ranking method: orders every neuron of the stores, most important first. {@link LcaRanker} reads the
 * oracle probe's weights; rankers that work on the activations themselves read the prepared splits and the training
 * statistics instead.
 */
public interface Ranker {

    /**
     * What a ranker may read.
     *
     * @param splits train/dev[/test], prepared for the task (labels indexed)
     * @param statistics the training split's statistics over all neurons
     * @param oracle the probe trained on all neurons (probe column i = neuron i)
     * @param options the probe settings the oracle was trained with (λ, seed)
     * @param classStatistics the training split's per-class statistics, or null when the method reads none
     * @param notices told progress lines and warnings (a probe that stops before the optimality threshold)
     */
    record Input(PreparedSplits splits, TrainingStatistics statistics, LinearProbe oracle, ProbeOptions options,
            ClassStatistics classStatistics, Consumer<String> notices) {
        /** The input of a ranker that reads no class statistics and says nothing. */
        public Input(PreparedSplits splits, TrainingStatistics statistics, LinearProbe oracle, ProbeOptions options) {
            this(splits, statistics, oracle, options, null, s -> { });
        }
    }

    /** The method's short name, as written in reports ("lca"). */
    String name();

    /**
     * Orders the neurons.
     *
     * @return every neuron id once, most important first, with the method's cutoffs
     */
    Ordering rank(Input input) throws ProbeException;
}
