package dev.probe.rank;

import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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

    static Outcome run(PreparedSplits splits, ProbeOptions base, double[] values, Scorer scorer,
            Consumer<String> warnings) throws dev.probe.ProbeException {
        List<RankingResult.GridRow> rows = new ArrayList<>();
        List<ElasticNetTrainer.Result> probes = new ArrayList<>();
        for (double l1 : values) {
            for (double l2 : values) {
                ElasticNetTrainer.Result trained = ProbeTraining.fit(splits, scorer.statistics(), Features.all(),
                        base.withPenalties(l1, l2), null, f -> { });
                if (!trained.convergence().converged()) {
                    warnings.accept(trained.convergence().warning("the grid probe λ1 = " + l1 + ", λ2 = " + l2));
                }
                LinearProbe probe = trained.probe();
                ProbeOptions chosen = base.withPenalties(l1, l2);
                double[] entry = ElasticNetTrainer.entryScores(splits.train(), scorer.statistics(), probe, chosen);
                int[] ordering = WeightRankings.ordering(probe.weightRows(), WeightRankings.DEFAULT_STEP, entry,
                        base.seed()).order();
                int k = Math.max(1, (int) Math.round(0.2 * ordering.length));
                double oracleDev = scorer.score(probe, probe.width(), false).dev();
                double top = scorer.score(Scorer.zeroOut(probe, WeightRankings.topK(ordering, k), false), k, false).dev();
                double bottom = scorer.score(Scorer.zeroOut(probe, WeightRankings.bottomK(ordering, k), false), k, false)
                        .dev();
                rows.add(new RankingResult.GridRow(l1, l2, oracleDev, top, bottom, trained.convergence()));
                probes.add(trained);
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
