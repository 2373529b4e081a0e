package dev.probe.rank;

import dev.probe.probe.ElasticNetTrainer;
import java.util.function.Function;

/**
 * Linguistic Correlation Analysis (Dalvi et al., AAAI 2019): the oracle probe's weight-mass ordering,
 * {@link WeightRankings#ordering(float[][], double, double[], long)} with {@link WeightRankings#DEFAULT_STEP}. The
 * neurons the weights never select (all weights zero, as an L1 optimum leaves many) follow by descending entry score
 * ({@link ElasticNetTrainer#entryScores}: how close each is to entering the model), equal scores in an order drawn
 * from the options' seed.
 */
public final class LcaRanker implements Ranker {
    private final Function<Input, double[]> entryScores;

    /** LCA with the oracle's entry scores as the tie-break of the never-selected neurons. */
    public LcaRanker() {
        this(in -> ElasticNetTrainer.entryScores(in.splits().train(), in.statistics(), in.oracle(), in.options()));
    }

    /**
     * LCA with another tie-break score.
     *
     * @param entryScores one finite score per neuron for an input
     */
    LcaRanker(Function<Input, double[]> entryScores) {
        this.entryScores = entryScores;
    }

    @Override
    public String name() {
        return "lca";
    }

    @Override
    public Ordering rank(Input input) {
        return WeightRankings.ordering(input.oracle().weightRows(), WeightRankings.DEFAULT_STEP,
                entryScores.apply(input), input.options().seed());
    }
}
