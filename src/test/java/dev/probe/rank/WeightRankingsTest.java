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
        Ordering ordering = ordering(new float[][] {{4, 1, 5}, {1, 1, 10}}, WeightRankings.DEFAULT_STEP);
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
    void halfTheMassIsOneNeuronPerClass() {
        // Class 0: 5 of 7 >= 3.5 after one neuron; class 1: 10 of 12 >= 6 after one neuron. So p = 0 and p = 0.5 both
        // take {0, 1} (1 first: max |w| 10 > 5); p = 1 adds neuron 2.
        Ordering ordering = ordering(new float[][] {{5, 1, 1}, {1, 10, 1}}, 0.5);
        assertThat(ordering.order()).containsExactly(1, 0, 2);
        assertThat(ordering.cutoffs()).containsExactly(2, 2, 3, 3);
    }

    @Test
    void signsAreIgnoredAndTiesGoToTheLowerId() {
        // |w| = 3, 3, 1, total 7: the first of the tied 3s (id 0) covers p <= 3/7, the second p <= 6/7.
        Ordering ordering = ordering(new float[][] {{-3, 3, 1}}, 0.1);
        assertThat(ordering.order()).containsExactly(0, 1, 2);
        assertThat(ordering.cutoffs()).containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3);
    }

    @Test
    void zeroPercentTakesTheLargestWeightOfEveryNonZeroClass() {
        // p = 0: class 0 brings 1, the all-zero class 1 nothing, class 2 brings 0 (first: |w| 7 > 2); 2 is never chosen.
        Ordering ordering = ordering(new float[][] {{1, 2, 0}, {0, 0, 0}, {7, 0, 0}}, 1);
        assertThat(ordering.order()).containsExactly(0, 1, 2);
        assertThat(ordering.cutoffs()).containsExactly(2, 2, 3);
    }

    @Test
    void allZeroClassContributesNothingAndZeroNeuronsComeLastById() {
        float[][] weights = {{0, 2, 0, 1, 0}, {0, 0, 0, 0, 0}};
        Ordering ordering = ordering(weights, WeightRankings.DEFAULT_STEP);
        assertThat(ordering.order()).containsExactly(1, 3, 0, 2, 4);
        assertThat(ordering.cutoffs()[0]).isEqualTo(1);
        assertThat(ordering.cutoffs()[100]).isEqualTo(2);
        assertThat(ordering.cutoffs()[101]).isEqualTo(5);
    }

    @Test
    void newNeuronsOfOneStepAreOrderedByTheirLargestWeight() {
        // At p = 0 class 0 brings neuron 2 (|w| 3) and class 1 brings neuron 0 (|w| 9): 0 goes first.
        Ordering ordering = ordering(new float[][] {{1, 0, 3}, {9, 2, 0}}, 0.5);
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
        assertThatIllegalArgumentException().isThrownBy(() -> ordering(new float[][] {{1, 2}, {3}}, 0.5))
                .withMessageContaining("row 1 has 1");
        assertThatIllegalArgumentException().isThrownBy(() -> ordering(new float[0][], 0.5))
                .withMessageContaining("0 rows");
        assertThatIllegalArgumentException().isThrownBy(() -> ordering(new float[][] {{1, Float.NaN}}, 0.5))
                .withMessageContaining("[0][1]");
        assertThatIllegalArgumentException().isThrownBy(() -> ordering(ok, 0.03)).withMessageContaining("0.03");
        assertThatIllegalArgumentException().isThrownBy(() -> ordering(ok, 0)).withMessageContaining("0.0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> WeightRankings.ordering(ok, WeightRankings.DEFAULT_STEP, new double[3], 1))
                .withMessageContaining("found 3");
        assertThatIllegalArgumentException().isThrownBy(() -> WeightRankings.random(5, 6, 1))
                .withMessageContaining("6").withMessageContaining("5");
    }

    @Test
    void coarseStepsGiveOneCutoffPerStepPlusTheFinalOne() {
        Ordering ordering = ordering(new float[][] {{8, 4, 2, 1, 0}}, 0.25);
        // Sums 8,12,14,15 of 15: p=0 -> 1, 0.25 (3.75) -> 1, 0.5 (7.5) -> 1, 0.75 (11.25) -> 2, 1 -> 4, then id 4.
        assertThat(ordering.order()).containsExactly(0, 1, 2, 3, 4);
        assertThat(ordering.cutoffs()).containsExactly(1, 1, 1, 2, 4, 5);
    }

    /** The ordering with never-selected neurons by ascending id. */
    private static Ordering ordering(float[][] weights, double step) {
        return WeightRankings.ordering(weights, step, null, 0);
    }
}
