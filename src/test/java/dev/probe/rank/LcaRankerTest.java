package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.ProbeOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** LCA on a literal oracle probe, with literal entry scores standing in for the trainer's (no PyTorch). */
class LcaRankerTest {

    /*
     * Class 0 |w| = 4, 0, 1, 0, 0, 0.5 (total 5.5; by mass 0, 2, 5 with sums 4, 5, 5.5); class 1 = 0, 0, 3.5, 2, 0, 0
     * (total 5.5; by mass 2, 3 with sums 3.5, 5.5). p = 0 takes 0 and 2 (0 first: max |w| 4 > 3.5); class 1 adds 3 once
     * p > 3.5 / 5.5 = 0.636, i.e. at p = 0.64; class 0 adds 5 once p > 5 / 5.5 = 0.909, at p = 0.91. Neurons 1 and 4
     * are never selected and follow by entry score, 4 (0.7) before 1 (0.2).
     */
    private static final float[] WEIGHTS = {
        4, 0, 1, 0, 0, 0.5f,
        0, 0, 3.5f, 2, 0, 0,
    };

    @Test
    void ordersByWeightMassThenByEntryScore() {
        Ordering ordering = new LcaRanker(in -> new double[] {9, 0.2, 9, 9, 0.7, 9}).rank(input(WEIGHTS, 1));
        assertThat(ordering.order()).containsExactly(0, 2, 3, 5, 4, 1);
        int[] cutoffs = ordering.cutoffs();
        assertThat(cutoffs).hasSize(102);
        for (int i = 0; i <= 100; i++) {
            int expected = i <= 63 ? 2 : i <= 90 ? 3 : 4;
            assertThat(cutoffs[i]).as("cutoff %d", i).isEqualTo(expected);
        }
        assertThat(cutoffs[101]).isEqualTo(6);
    }

    @Test
    void higherEntryScoresComeFirstWhateverTheSeed() {
        // The scores of selected neurons play no part; distinct scores leave nothing to the seed.
        double[] scores = {0, 0.9, 0, 0.1, 0.5, 0};
        for (long seed = 0; seed < 10; seed++) {
            Ordering ordering = new LcaRanker(in -> scores).rank(input(WEIGHTS, seed));
            assertThat(ordering.order()).containsExactly(0, 2, 3, 5, 1, 4);
        }
    }

    @Test
    void equalEntryScoresAreOrderedByTheOptionsSeed() {
        // Eight never-selected neurons with equal scores: their order is drawn from the options' seed.
        float[] weights = {3, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        double[] scores = new double[10];
        Set<List<Integer>> tails = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Ordering ordering = new LcaRanker(in -> scores).rank(input(weights, seed, 1));
            int[] order = ordering.order();
            assertThat(order[0]).isZero();
            assertThat(order[1]).isEqualTo(9);
            assertThat(ordering).isEqualTo(WeightRankings.ordering(new float[][] {weights}, WeightRankings.DEFAULT_STEP,
                    scores, seed));
            List<Integer> tail = new ArrayList<>();
            for (int i = 2; i < order.length; i++) {
                tail.add(order[i]);
            }
            assertThat(tail).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
            tails.add(tail);
        }
        assertThat(tails).hasSizeGreaterThan(1);
    }

    @Test
    void theEntryScoresSeeTheRankersInput() {
        Ranker.Input input = input(WEIGHTS, 3);
        List<Ranker.Input> seen = new ArrayList<>();
        new LcaRanker(in -> {
            seen.add(in);
            return new double[6];
        }).rank(input);
        assertThat(seen).containsExactly(input);
    }

    @Test
    void isCalledLca() {
        assertThat(new LcaRanker().name()).isEqualTo("lca");
    }

    private static Ranker.Input input(float[] weights, long seed) {
        return input(weights, seed, 2);
    }

    private static Ranker.Input input(float[] weights, long seed, int classes) {
        LinearProbe oracle = new LinearProbe(ProbeOptions.Task.CLASSIFICATION, null, Features.all(), classes,
                weights.length / classes, weights, new float[classes]);
        return new Ranker.Input(null, null, oracle, ProbeOptions.defaults().withSeed(seed));
    }
}
