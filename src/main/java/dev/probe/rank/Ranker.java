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
     * @param listener told how the work goes
     */
    record Input(PreparedSplits splits, TrainingStatistics statistics, LinearProbe oracle, ProbeOptions options,
            ClassStatistics classStatistics, Listener listener) {
        /** The input of a ranker that reads no class statistics and says nothing. */
        public Input(PreparedSplits splits, TrainingStatistics statistics, LinearProbe oracle, ProbeOptions options) {
            this(splits, statistics, oracle, options, null, Listener.of(s -> { }, s -> { }));
        }
    }

    /** What a ranking tells while it works. */
    interface Listener {
        /** A line about the stage reached. */
        void stage(String line);

        /** A warning line (a probe that stops before the optimality threshold). */
        void warning(String line);

        /**
         * Step {@code done} of {@code total} of a long stage (a greedy method's neurons); by default the detail as a
         * stage line.
         */
        default void step(int done, int total, String detail) {
            stage(detail);
        }

        /** A listener telling stages and warnings to these consumers. */
        static Listener of(Consumer<String> stages, Consumer<String> warnings) {
            return new Listener() {
                @Override
                public void stage(String line) {
                    stages.accept(line);
                }

                @Override
                public void warning(String line) {
                    warnings.accept(line);
                }
            };
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
