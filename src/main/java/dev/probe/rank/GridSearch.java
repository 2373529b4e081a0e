package dev.probe.rank;

import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * λ selection over a λ1 × λ2 grid: among the settings whose oracle dev accuracy is within 0.5 point of the best,
 * choose the one with the largest dev-accuracy gap between keeping only the top 20 % and keeping only the bottom
 * 20 % of its own neuron ordering (zero-out ablation); ties go to the earlier setting in grid order.
 */
final class GridSearch {
    /** The default λ values, used for both λ1 and λ2. */
    static final double[] DEFAULT_VALUES = {0, 1e-5, 1e-4, 1e-3, 1e-2};
    private static final double WITHIN = 0.005;

    private GridSearch() {
    }

    /**
     * The grid and the chosen setting's oracle.
     *
     * @param grid every row and the choice
     * @param oracle the probe trained with the chosen λ, and how its training ended
     * @param options the chosen options
     */
    record Outcome(RankingResult.Grid grid, ElasticNetTrainer.Result oracle, ProbeOptions options) {
    }

    /**
     * One λ setting, trained and measured.
     *
     * @param row its accuracies
     * @param oracle its probe on all neurons, and how its training ended
     */
    record Trial(RankingResult.GridRow row, ElasticNetTrainer.Result oracle) {
    }

    /**
     * Tries every (λ1, λ2) of {@code values} × {@code values}, λ1 in the outer loop, and chooses one by the rule above.
     *
     * @param base the probe settings other than λ
     * @param values the λ values, for both λ1 and λ2; not empty
     * @param scorer trains and scores each setting
     * @param ranker orders each setting's neurons for its top and bottom 20 %
     */
    static Outcome run(ProbeOptions base, double[] values, SubsetScorer scorer, Ranker ranker)
            throws dev.probe.ProbeException {
        List<RankingResult.GridRow> rows = new ArrayList<>();
        List<ElasticNetTrainer.Result> probes = new ArrayList<>();
        for (double l1 : values) {
            for (double l2 : values) {
                Trial trial = scorer.trial(l1, l2, ranker);
                rows.add(trial.row());
                probes.add(trial.oracle());
            }
        }
        double best = rows.stream().mapToDouble(RankingResult.GridRow::oracleDev).max().orElse(0);
        int chosen = -1;
        for (int i = 0; i < rows.size(); i++) {
            RankingResult.GridRow r = rows.get(i);
            if (r.oracleDev() >= best - WITHIN && (chosen < 0
                    || r.top20Dev() - r.bottom20Dev() > rows.get(chosen).top20Dev() - rows.get(chosen).bottom20Dev())) {
                chosen = i;
            }
        }
        RankingResult.GridRow c = rows.get(chosen);
        String rule = "oracle dev accuracy within 0.5 point of the best (" + String.format(java.util.Locale.ROOT,
                "%.4f", best) + "), then the largest top-20 % minus bottom-20 % keep-only dev accuracy";
        return new Outcome(new RankingResult.Grid(rows, c.l1(), c.l2(), rule), probes.get(chosen),
                base.withPenalties(c.l1(), c.l2()));
    }
}
