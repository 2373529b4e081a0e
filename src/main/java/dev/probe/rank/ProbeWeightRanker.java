package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;

/**
 * {@code lasso}, {@code ridge} and {@code noreg} (Fan et al. 2023): a probe trained on all neurons with
 * {@code (λ1, 0)}, {@code (0, λ2)} or {@code (0, 0)} — λ1 and λ2 the options' — ordered by the LCA weight mass
 * ({@link WeightRankings#ordering}). With λ1 &gt; 0 the neurons the weights never select follow by their entry score,
 * as in {@link LcaRanker}; without, by ascending id.
 */
public final class ProbeWeightRanker implements Ranker {
    private final RankMethod method;

    /**
     * The ranker of a probe-weight method.
     *
     * @throws IllegalArgumentException for another method
     */
    public ProbeWeightRanker(RankMethod method) {
        if (method != RankMethod.LASSO && method != RankMethod.RIDGE && method != RankMethod.NOREG) {
            throw new IllegalArgumentException(method + " is not lasso, ridge or noreg");
        }
        this.method = method;
    }

    @Override
    public String name() {
        return method.id();
    }

    /** The probe settings of this method. */
    public ProbeOptions options(ProbeOptions base) {
        return switch (method) {
            case LASSO -> base.withPenalties(base.l1(), 0);
            case RIDGE -> base.withPenalties(0, base.l2());
            default -> base.withPenalties(0, 0);
        };
    }

    @Override
    public Ordering rank(Input input) throws ProbeException {
        ProbeOptions options = options(input.options());
        input.listener().stage(method.id() + " probe (λ1 = " + options.l1() + ", λ2 = " + options.l2() + ")");
        ElasticNetTrainer.Result fitted = ProbeTraining.fit(input.splits(), input.statistics(), Features.all(),
                options, null, f -> { });
        if (!fitted.convergence().converged()) {
            input.listener().warning(fitted.convergence().warning("the " + method.id() + " probe"));
        }
        double[] tie = options.l1() > 0 ? ElasticNetTrainer.entryScores(input.splits().train(), input.statistics(),
                fitted.probe(), options) : null;
        return WeightRankings.ordering(fitted.probe().weightRows(), WeightRankings.DEFAULT_STEP, tie, options.seed());
    }
}
