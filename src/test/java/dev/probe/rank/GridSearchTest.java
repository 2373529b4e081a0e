package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the λ grid's rule with a fake scorer that returns literal rows: among the settings whose oracle dev
 * accuracy is within 0.5 point of the best, the largest top-20 % minus bottom-20 % gap; ties to the earlier setting.
 */
class GridSearchTest {

    private static final double[] VALUES = {0, 1e-3, 1e-2};
    private static final ProbeOptions BASE = ProbeOptions.defaults();
    private static final Ranker RANKER = new Ranker() {
        @Override
        public String name() {
            return "unused";
        }

        @Override
        public Ordering rank(Input input) {
            throw new AssertionError("the fake scorer ranks nothing");
        }
    };

    @Test
    void theLargestGapWithinHalfAPointOfTheBestWins() throws Exception {
        FakeScorer scorer = new FakeScorer()
                .row(0, 0, 0.9075, 0.80, 0.70) // within (0.25 point below), gap 0.10
                .row(0, 1e-3, 0.9100, 0.85, 0.80) // the best, gap 0.05
                .row(0, 1e-2, 0.9000, 0.90, 0.50) // gap 0.40 but a whole point below
                .row(1e-3, 0, 0.9060, 0.88, 0.60) // within, gap 0.28: the choice
                .row(1e-3, 1e-3, 0.9080, 0.86, 0.62) // within, gap 0.24
                .row(1e-3, 1e-2, 0.9040, 0.95, 0.45) // gap 0.50 but 0.6 point below
                .row(1e-2, 0, 0.5000, 0.50, 0.00) // gap 0.50, far below
                .row(1e-2, 1e-3, 0.9100, 0.80, 0.60) // ties the best, gap 0.20
                .row(1e-2, 1e-2, 0.9070, 0.70, 0.60); // within, gap 0.10
        GridSearch.Outcome outcome = GridSearch.run(BASE, VALUES, scorer, RANKER);
        assertChosen(outcome, scorer, 1e-3, 0);
        assertThat(outcome.grid().rule()).contains("(0.9100)");
    }

    @Test
    void everySettingIsTriedOnceLambda1Outermost() throws Exception {
        FakeScorer scorer = FakeScorer.flat(VALUES);
        GridSearch.Outcome outcome = GridSearch.run(BASE, VALUES, scorer, RANKER);
        List<String> expected = List.of("0.0/0.0", "0.0/0.001", "0.0/0.01", "0.001/0.0", "0.001/0.001", "0.001/0.01",
                "0.01/0.0", "0.01/0.001", "0.01/0.01");
        assertThat(scorer.calls).containsExactlyElementsOf(expected);
        assertThat(outcome.grid().rows()).extracting(r -> r.l1() + "/" + r.l2()).containsExactlyElementsOf(expected);
        assertThat(scorer.rankers).allMatch(r -> r == RANKER);
    }

    @Test
    void equalGapsGoToTheEarlierSetting() throws Exception {
        FakeScorer scorer = FakeScorer.flat(VALUES)
                .row(0, 1e-2, 0.90, 0.75, 0.50) // gap 0.25, first of the tie
                .row(1e-3, 0, 0.90, 0.875, 0.625) // gap 0.25, tied
                .row(1e-2, 1e-2, 0.90, 0.50, 0.25); // gap 0.25, tied
        assertChosen(GridSearch.run(BASE, VALUES, scorer, RANKER), scorer, 0, 1e-2);
    }

    @Test
    void aLargerGapLaterInTheGridWins() throws Exception {
        FakeScorer scorer = FakeScorer.flat(VALUES)
                .row(0, 1e-2, 0.90, 0.75, 0.50) // gap 0.25
                .row(1e-2, 1e-2, 0.90, 0.875, 0.50); // gap 0.375
        assertChosen(GridSearch.run(BASE, VALUES, scorer, RANKER), scorer, 1e-2, 1e-2);
    }

    @Test
    void exactlyHalfAPointBelowTheBestIsWithin() throws Exception {
        FakeScorer scorer = FakeScorer.flat(VALUES)
                .row(0, 0, 0.91, 0.50, 0.50) // the best, gap 0
                .row(1e-3, 1e-3, 0.905, 0.75, 0.50) // exactly 0.5 point below, gap 0.25: the choice
                .row(1e-2, 0, 0.9049, 0.875, 0.25); // just outside, gap 0.625
        GridSearch.Outcome outcome = GridSearch.run(BASE, VALUES, scorer, RANKER);
        assertChosen(outcome, scorer, 1e-3, 1e-3);
        assertThat(outcome.grid().rule()).contains("(0.9100)");
    }

    @Test
    void aSingleValueGridHasOneSetting() throws Exception {
        FakeScorer scorer = new FakeScorer().row(1e-4, 1e-4, 0.6, 0.5, 0.5);
        GridSearch.Outcome outcome = GridSearch.run(BASE, new double[] {1e-4}, scorer, RANKER);
        assertChosen(outcome, scorer, 1e-4, 1e-4);
        assertThat(outcome.grid().rows()).hasSize(1);
    }

    private static void assertChosen(GridSearch.Outcome outcome, FakeScorer scorer, double l1, double l2) {
        assertThat(outcome.grid().chosenL1()).isEqualTo(l1);
        assertThat(outcome.grid().chosenL2()).isEqualTo(l2);
        assertThat(outcome.options()).isEqualTo(BASE.withPenalties(l1, l2));
        assertThat(outcome.oracle()).isSameAs(scorer.trials.get(key(l1, l2)).oracle());
    }

    private static String key(double l1, double l2) {
        return l1 + "/" + l2;
    }

    /** Literal rows by (λ1, λ2), each with its own (empty) oracle result; records the settings asked for. */
    private static final class FakeScorer implements SubsetScorer {
        final Map<String, GridSearch.Trial> trials = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<Ranker> rankers = new ArrayList<>();

        /** Every setting at dev accuracy 0.9 with a gap of 0.1. */
        static FakeScorer flat(double[] values) {
            FakeScorer scorer = new FakeScorer();
            for (double l1 : values) {
                for (double l2 : values) {
                    scorer.row(l1, l2, 0.9, 0.6, 0.5);
                }
            }
            return scorer;
        }

        FakeScorer row(double l1, double l2, double oracleDev, double top20, double bottom20) {
            trials.put(key(l1, l2), new GridSearch.Trial(
                    new RankingResult.GridRow(l1, l2, oracleDev, top20, bottom20, null),
                    new ElasticNetTrainer.Result(null, null)));
            return this;
        }

        @Override
        public GridSearch.Trial trial(double l1, double l2, Ranker ranker) {
            calls.add(key(l1, l2));
            rankers.add(ranker);
            GridSearch.Trial t = trials.get(key(l1, l2));
            if (t == null) {
                throw new AssertionError("no row for " + key(l1, l2));
            }
            return t;
        }

        @Override
        public RankingResult.Point retrained(int[] neurons) {
            throw new AssertionError("the λ grid retrains no subsets");
        }
    }
}
