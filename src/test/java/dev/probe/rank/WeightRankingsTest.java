package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** Known answers on literal matrices (rows are classes), including the NeuroX test-suite examples. */
class WeightRankingsTest {

    @Test
    void orderingOfTheNeuroxExample() {
        /*
         * Class 0 |w| = 4,1,5 (total 10, by mass: 2,0,1 with sums 5,9,10); class 1 = 1,1,10 (total 12: 2,0,1 with sums
         * 10,11,12). p <= 0.5 selects {2} from both; p = 0.51 adds neuron 0 (class 0 needs 5.1 > 5); class 1 adds
         * nothing new at p = 0.84; p = 0.91 adds neuron 1 (class 0 needs 9.1 > 9).
         */
        Ordering ordering = WeightRankings.ordering(new float[][] {{4, 1, 5}, {1, 1, 10}});
        assertThat(ordering.order()).containsExactly(2, 0, 1);
        int[] cutoffs = ordering.cutoffs();
        assertThat(cutoffs).hasSize(102);
        assertThat(cutoffs[0]).isEqualTo(1); // NeuroX's count: p = 0 already takes each class's largest weight
        assertThat(cutoffs[50]).isEqualTo(1);
        assertThat(cutoffs[60]).isEqualTo(2);
        assertThat(cutoffs[95]).isEqualTo(3);
        assertThat(cutoffs[101]).isEqualTo(3);
    }

    @Test
    void topHalfOfTheMassIsOneNeuronPerClass() {
        // Class 0: 5 of 7 >= 3.5 after one neuron; class 1: 10 of 12 >= 6 after one neuron.
        TopNeurons top = WeightRankings.top(new float[][] {{5, 1, 1}, {1, 10, 1}}, 0.5);
        assertThat(top.forClass(0)).containsExactly(0);
        assertThat(top.forClass(1)).containsExactly(1);
        assertThat(top.union()).containsExactly(0, 1);
        assertThat(top.perClass()).containsExactly(new ClassNeurons(0, new int[] {0}), new ClassNeurons(1, new int[] {1}));
    }

    @Test
    void hardThresholdKeepsWeightsAboveMaxOverFraction() {
        // Class 0: max 5, keep |w| > 2.5 -> {0}; class 1: max 10, keep |w| > 5 -> {1, 3}.
        TopNeurons top = WeightRankings.hardThreshold(new float[][] {{5, 1, 2, 1}, {1, 10, 1, 6}}, 2);
        assertThat(top.forClass(0)).containsExactly(0);
        assertThat(top.forClass(1)).containsExactly(1, 3);
        assertThat(top.union()).containsExactly(0, 1, 3);
    }

    @Test
    void bottomTenPercentOfTheMass() {
        // Class 0 ascending 1,4,5 (ids 2,1,0), total 10: 1 >= 1 -> {2}. Class 1 ascending 1,1,10 (ids 1,2,0),
        // total 12: 1 < 1.2, 2 >= 1.2 -> {1, 2}.
        TopNeurons bottom = WeightRankings.bottom(new float[][] {{5, 4, 1}, {10, 1, 1}}, 0.1);
        assertThat(bottom.forClass(0)).containsExactly(2);
        assertThat(bottom.forClass(1)).containsExactly(1, 2);
        assertThat(bottom.union()).containsExactly(1, 2);
    }

    @Test
    void signsAreIgnoredAndTiesGoToTheLowerId() {
        TopNeurons top = WeightRankings.top(new float[][] {{-3, 3, 1}}, 0.4);
        // |w| = 3,3,1 total 7, target 2.8: the first of the tied 3s (id 0) suffices.
        assertThat(top.forClass(0)).containsExactly(0);
    }

    @Test
    void zeroPercentTakesTheLargestWeightOfEveryNonZeroClass() {
        TopNeurons top = WeightRankings.top(new float[][] {{1, 2, 0}, {0, 0, 0}, {7, 0, 0}}, 0);
        assertThat(top.forClass(0)).containsExactly(1);
        assertThat(top.forClass(1)).isEmpty();
        assertThat(top.forClass(2)).containsExactly(0);
        assertThat(top.union()).containsExactly(0, 1);
    }

    @Test
    void allZeroClassContributesNothingAndZeroNeuronsComeLastById() {
        float[][] weights = {{0, 2, 0, 1, 0}, {0, 0, 0, 0, 0}};
        assertThat(WeightRankings.top(weights, 1).union()).containsExactly(1, 3);
        assertThat(WeightRankings.bottom(weights, 0.5).forClass(1)).isEmpty();
        assertThat(WeightRankings.hardThreshold(weights, 1).forClass(1)).isEmpty();
        Ordering ordering = WeightRankings.ordering(weights);
        assertThat(ordering.order()).containsExactly(1, 3, 0, 2, 4);
        assertThat(ordering.cutoffs()[100]).isEqualTo(2);
        assertThat(ordering.cutoffs()[101]).isEqualTo(5);
    }

    @Test
    void newNeuronsOfOneStepAreOrderedByTheirLargestWeight() {
        // At p = 0 class 0 brings neuron 2 (|w| 3) and class 1 brings neuron 0 (|w| 9): 0 goes first.
        Ordering ordering = WeightRankings.ordering(new float[][] {{1, 0, 3}, {9, 2, 0}}, 0.5);
        assertThat(ordering.order()).containsExactly(0, 2, 1);
        assertThat(ordering.cutoffs()).containsExactly(2, 2, 3, 3);
    }

    @Test
    void topAndBottomKSliceTheOrdering() {
        int[] ordering = {4, 2, 0, 1, 3};
        assertThat(WeightRankings.topK(ordering, 2)).containsExactly(4, 2);
        assertThat(WeightRankings.bottomK(ordering, 2)).containsExactly(1, 3);
        assertThat(WeightRankings.topK(ordering, 0)).isEmpty();
        assertThat(WeightRankings.bottomK(ordering, 5)).containsExactly(ordering);
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.topK(ordering, 6)).withMessageContaining("6");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.bottomK(ordering, -1))
                .withMessageContaining("-1");
    }

    @Test
    void rejectsBadInputNamingTheValue() {
        float[][] ok = {{1, 2}, {3, 4}};
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.top(new float[][] {{1, 2}, {3}}, 0.5))
                .withMessageContaining("row 1 has 1");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.top(new float[0][], 0.5))
                .withMessageContaining("0 rows");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.top(new float[][] {{1, Float.NaN}}, 0.5))
                .withMessageContaining("[0][1]");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.top(ok, 1.5)).withMessageContaining("1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.bottom(ok, -0.1))
                .withMessageContaining("-0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.top(ok, Double.NaN))
                .withMessageContaining("NaN");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.hardThreshold(ok, 0))
                .withMessageContaining("0.0");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.hardThreshold(ok, -2))
                .withMessageContaining("-2.0");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.ordering(ok, 0.03))
                .withMessageContaining("0.03");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.ordering(ok, 0))
                .withMessageContaining("0.0");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.random(5, 6, 1))
                .withMessageContaining("6").withMessageContaining("5");
    }

    @Test
    void coarseStepsGiveOneCutoffPerStepPlusTheFinalOne() {
        Ordering ordering = WeightRankings.ordering(new float[][] {{8, 4, 2, 1, 0}}, 0.25);
        // Sums 8,12,14,15 of 15: p=0 -> 1, 0.25 (3.75) -> 1, 0.5 (7.5) -> 1, 0.75 (11.25) -> 2, 1 -> 4, then id 4.
        assertThat(ordering.order()).containsExactly(0, 1, 2, 3, 4);
        assertThat(ordering.cutoffs()).containsExactly(1, 1, 1, 2, 4, 5);
    }
}
