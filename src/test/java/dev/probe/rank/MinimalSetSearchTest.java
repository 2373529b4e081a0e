package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the minimal-set search with a fake scorer whose dev accuracy is a step function of the prefix size:
 * the sizes tried (schedule, then bisection, in call order) and the size found are written out by hand.
 */
class MinimalSetSearchTest {

    private static final double ORACLE_DEV = 0.9;
    private static final double DELTA = 0.01;

    @Test
    void stepOfOneNeuronFindsTheExactThreshold() throws Exception {
        // n = 100: bisection step 1. Schedule 1 (0.5 % and 1 % both round to 1), 2, 3, 5, 7, 10, 15, 20 fail, 30
        // passes; bisect (20, 30]: 25 passes, 22 fails, 23 passes; 23 - 22 = 1 stops.
        FakeScorer scorer = FakeScorer.passingFrom(100, k -> k >= 23);
        MinimalSetSearch.Outcome outcome = scorer.search(DELTA);
        assertThat(scorer.calls).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 25, 22, 23);
        assertThat(outcome.best().size()).isEqualTo(23);
        assertThat(sizes(outcome.tried())).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 22, 23, 25, 30);
    }

    @Test
    void bisectionStopsWithinHalfAPercentOfTheNeurons() throws Exception {
        // n = 1000: step round(0.005 · 1000) = 5. Schedule 5 … 100 fail, 150 passes; bisect (100, 150]: 125 fails,
        // 137 fails, 143 passes, 140 passes; 140 - 137 = 3 <= 5 stops.
        FakeScorer scorer = FakeScorer.passingFrom(1000, k -> k >= 140);
        MinimalSetSearch.Outcome outcome = scorer.search(DELTA);
        assertThat(scorer.calls).containsExactly(5, 10, 20, 30, 50, 70, 100, 150, 125, 137, 143, 140);
        assertThat(outcome.best().size()).isEqualTo(140);

        // Threshold 137: 137 passes at once, then 131 and 134 fail; 137 - 134 = 3 stops.
        FakeScorer other = FakeScorer.passingFrom(1000, k -> k >= 137);
        assertThat(other.search(DELTA).best().size()).isEqualTo(137);
        assertThat(other.calls).containsExactly(5, 10, 20, 30, 50, 70, 100, 150, 125, 137, 131, 134);
    }

    @Test
    void theBestIsTheScorersPointForAPrefixOfTheOrdering() throws Exception {
        FakeScorer scorer = FakeScorer.passingFrom(100, k -> k >= 23);
        MinimalSetSearch.Outcome outcome = scorer.search(DELTA);
        assertThat(outcome.best()).isSameAs(scorer.points.get(scorer.calls.lastIndexOf(23)));
        assertThat(outcome.best().dev()).isEqualTo(ORACLE_DEV);
        // the ordering runs 99, 98, …, 0: each set trained is its first k ids, in ordering order
        for (int[] set : scorer.sets) {
            for (int i = 0; i < set.length; i++) {
                assertThat(set[i]).isEqualTo(99 - i);
            }
        }
    }

    @Test
    void noScheduledPrefixPassingGivesTheOracle() throws Exception {
        FakeScorer scorer = FakeScorer.passingFrom(100, k -> false);
        MinimalSetSearch.Outcome outcome = scorer.search(DELTA);
        assertThat(outcome.best()).isSameAs(scorer.oracle);
        assertThat(scorer.calls).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 50);
        assertThat(sizes(outcome.tried())).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 100);
    }

    @Test
    void aThresholdAboveHalfTheNeuronsIsNotBisected() throws Exception {
        // The schedule ends at 50 %: a set of 60 neurons would be enough, but no scheduled prefix is.
        FakeScorer scorer = FakeScorer.passingFrom(100, k -> k >= 60);
        assertThat(scorer.search(DELTA).best()).isSameAs(scorer.oracle);
        assertThat(scorer.calls).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 50);
    }

    @Test
    void deltaZeroNeedsTheOracleAccuracyItself() throws Exception {
        // Below 40 neurons the accuracy is one point under the oracle: within δ = 1 point, not within δ = 0.
        IntToDoubleFunction dev = k -> k >= 40 ? ORACLE_DEV : ORACLE_DEV - 0.01;
        FakeScorer strict = new FakeScorer(100, dev);
        MinimalSetSearch.Outcome outcome = strict.search(0);
        assertThat(outcome.best().size()).isEqualTo(40);
        assertThat(outcome.best().dev()).isEqualTo(ORACLE_DEV); // equal to the target passes
        assertThat(strict.calls).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 40, 35, 37, 38, 39);

        FakeScorer lenient = new FakeScorer(100, dev);
        assertThat(lenient.search(0.02).best().size()).isEqualTo(1);
        assertThat(lenient.calls).containsExactly(1);
    }

    @Test
    void theAllowedDropIsMeasuredFromTheOracle() throws Exception {
        // Accuracy 0.5 + 0.4 · k / 50 (capped at 0.9); target 0.9 - 0.02 = 0.88 first reached at k = 48 (0.884).
        FakeScorer scorer = new FakeScorer(100, k -> 0.5 + 0.4 * Math.min(k, 50) / 50);
        assertThat(scorer.search(0.02).best().size()).isEqualTo(48);
        assertThat(scorer.calls).containsExactly(1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 40, 45, 47, 48);
    }

    @Test
    void aPassingFirstPointIsBisectedDownFromZero() throws Exception {
        // Schedule {10 %, 50 %}: 10 passes at once; bisect (0, 10]: 5 passes, 2 fails, 3 fails, 4 passes.
        FakeScorer scorer = FakeScorer.passingFrom(100, k -> k >= 4);
        MinimalSetSearch.Outcome outcome = MinimalSetSearch.run(scorer.ordering, scorer.oracle, DELTA,
                new double[] {0.1, 0.5}, scorer);
        assertThat(scorer.calls).containsExactly(10, 5, 2, 3, 4);
        assertThat(outcome.best().size()).isEqualTo(4);
        assertThat(sizes(outcome.tried())).containsExactly(2, 3, 4, 5, 10);
    }

    @Test
    void oneNeuronIsNeverRetrained() throws Exception {
        // Every scheduled size rounds to 1 = n: nothing smaller than the oracle to try.
        FakeScorer scorer = FakeScorer.passingFrom(1, k -> true);
        MinimalSetSearch.Outcome outcome = scorer.search(DELTA);
        assertThat(scorer.calls).isEmpty();
        assertThat(outcome.best()).isSameAs(scorer.oracle);
        assertThat(outcome.tried()).containsExactly(scorer.oracle);
    }

    @Test
    void twoNeuronsTryOnlyOne() throws Exception {
        FakeScorer passes = FakeScorer.passingFrom(2, k -> true);
        assertThat(passes.search(DELTA).best().size()).isEqualTo(1);
        assertThat(passes.calls).containsExactly(1);

        FakeScorer fails = FakeScorer.passingFrom(2, k -> false);
        MinimalSetSearch.Outcome outcome = fails.search(DELTA);
        assertThat(outcome.best()).isSameAs(fails.oracle);
        assertThat(fails.calls).containsExactly(1);
        assertThat(sizes(outcome.tried())).containsExactly(1, 2);
    }

    @Test
    void threeNeuronsTryOneThenTwo() throws Exception {
        // 0.5 % … 30 % of 3 round to at most 1; 50 % rounds to 2.
        FakeScorer two = FakeScorer.passingFrom(3, k -> k >= 2);
        MinimalSetSearch.Outcome outcome = two.search(DELTA);
        assertThat(two.calls).containsExactly(1, 2);
        assertThat(outcome.best().size()).isEqualTo(2);
        assertThat(sizes(outcome.tried())).containsExactly(1, 2);

        FakeScorer none = FakeScorer.passingFrom(3, k -> false);
        assertThat(none.search(DELTA).best()).isSameAs(none.oracle);
        assertThat(none.calls).containsExactly(1, 2);

        FakeScorer one = FakeScorer.passingFrom(3, k -> true);
        assertThat(one.search(DELTA).best().size()).isEqualTo(1);
        assertThat(one.calls).containsExactly(1);
    }

    @Test
    void aScheduledFractionBelowOneNeuronStillTriesOne() throws Exception {
        // 10 % of 4 neurons rounds to 0: one neuron is tried instead, then 50 % = 2.
        FakeScorer scorer = FakeScorer.passingFrom(4, k -> false);
        MinimalSetSearch.run(scorer.ordering, scorer.oracle, DELTA, new double[] {0.1, 0.5}, scorer);
        assertThat(scorer.calls).containsExactly(1, 2);
    }

    private static List<Integer> sizes(List<RankingResult.Point> points) {
        return points.stream().map(RankingResult.Point::size).toList();
    }

    /** Dev accuracy as a function of the prefix size; records every set it is asked to train. */
    private static final class FakeScorer implements SubsetScorer {
        final int[] ordering;
        final RankingResult.Point oracle;
        final List<Integer> calls = new ArrayList<>();
        final List<int[]> sets = new ArrayList<>();
        final List<RankingResult.Point> points = new ArrayList<>();
        private final IntToDoubleFunction dev;

        /** @param dev the dev accuracy of a prefix of k neurons */
        FakeScorer(int n, IntToDoubleFunction dev) {
            this.ordering = new int[n];
            Arrays.setAll(ordering, i -> n - 1 - i);
            this.oracle = new RankingResult.Point(n, 1, ORACLE_DEV, 0.8, null);
            this.dev = dev;
        }

        /** The oracle's accuracy for the sizes that pass, one point and a half below for the others. */
        static FakeScorer passingFrom(int n, IntPredicate passes) {
            return new FakeScorer(n, k -> passes.test(k) ? ORACLE_DEV : ORACLE_DEV - 0.015);
        }

        MinimalSetSearch.Outcome search(double delta) throws Exception {
            return MinimalSetSearch.run(ordering, oracle, delta, MinimalSetSearch.SCHEDULE, this);
        }

        @Override
        public RankingResult.Point retrained(int[] neurons) {
            if (calls.size() > 100) {
                throw new AssertionError("the search does not end: " + calls.subList(0, 20) + " …");
            }
            calls.add(neurons.length);
            sets.add(neurons.clone());
            RankingResult.Point p = new RankingResult.Point(neurons.length, (double) neurons.length / ordering.length,
                    dev.applyAsDouble(neurons.length), 0.7, null);
            points.add(p);
            return p;
        }

        @Override
        public GridSearch.Trial trial(double l1, double l2, Ranker ranker) {
            throw new AssertionError("the minimal-set search trains no λ grid");
        }
    }
}
