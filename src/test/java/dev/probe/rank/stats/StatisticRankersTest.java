package dev.probe.rank.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.probe.rank.Ordering;
import dev.probe.rank.RankMethod;
import dev.probe.rank.StatisticRanker;
import dev.probe.rank.WeightRankings;
import java.util.List;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.vector.IntVector;
import smile.feature.selection.SumSquaresRatio;

/** Known answers of the statistic rankers on literal data, computed by hand in the comments. */
class StatisticRankersTest {
    private static final List<String> ABC = List.of("A", "B", "C");

    /*
     * Three classes, three neurons. Class means: A = (2, 0, 5), B = (0, 1, 5), C = (4, 1, 5).
     */
    private static final float[][] ROWS = {{1, 0, 5}, {3, 0, 5}, {0, 1, 5}, {4, 2, 5}, {4, 0, 5}};
    private static final int[] CLASSES = {0, 0, 1, 2, 2};

    private static ClassStatistics stats(boolean histograms) {
        return ClassStatistics.of(ROWS, CLASSES, ABC, histograms);
    }

    @Test
    void probelessAsNeuroxComputesIt() {
        // NeuroX get_neuron_ordering: Σ over class pairs |q_c − q_c'|.
        // neuron 0: |2−0| + |2−4| + |0−4| = 8; neuron 1: |0−1| + |0−1| + |1−1| = 2; neuron 2: 0.
        NeuronScores s = Probeless.of(stats(false));
        assertThat(s.overall()).containsExactly(8, 2, 0);
        // get_neuron_ordering_for_tag("A"): Σ_{c'≠A} |q_A − q_c'| = (4, 2, 0); "B": (2+4, 1+0, 0) = (6, 1, 0);
        // "C": (2+4, 1+0, 0) = (6, 1, 0).
        assertThat(s.perClass()[0]).containsExactly(4, 2, 0);
        assertThat(s.perClass()[1]).containsExactly(6, 1, 0);
        assertThat(s.perClass()[2]).containsExactly(6, 1, 0);
        assertThat(new StatisticRanker(RankMethod.PROBELESS).rank(stats(false)).order()).containsExactly(0, 1, 2);
    }

    @Test
    void lcaOrderingOfTheSameStoreAsNeuroxComputesIt() {
        // NeuroX get_neuron_ordering on probe weights |W| = [[4, 1, 5], [1, 1, 10]] (rows = classes): at p = 0 each
        // class takes its largest weight (neuron 2); at p = 0.51 class 0 needs 5.1 > 5, so neuron 0 joins; neuron 1
        // joins at p = 0.91. Ordering 2, 0, 1 — the worked example of NeuroX's test suite.
        Ordering lca = WeightRankings.ordering(new float[][] {{4, 1, 5}, {1, 1, 10}}, WeightRankings.DEFAULT_STEP,
                null, 0);
        assertThat(lca.order()).containsExactly(2, 0, 1);
    }

    @Test
    void selectivityIsTheMeanGapOverTheRange() {
        // neuron 0: range 4 − 0 = 4. A: μ+ = 2, μ− = (0+4+4)/3 = 8/3 → |−2/3|/4 = 1/6; B: 0 vs 12/4 → 0.75;
        // C: 4 vs 4/3 → (8/3)/4 = 2/3. neuron 1: range 2. A: 0 vs 1 → 0.5; B: 1 vs 2/4 → 0.25; C: 1 vs 1/3 → 1/3.
        // neuron 2 is constant → 0. Overall = max over classes: 0.75, 0.5, 0.
        NeuronScores s = Selectivity.of(stats(false));
        assertThat(s.perClass()[0][0]).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(s.perClass()[1][0]).isCloseTo(0.75, within(1e-12));
        assertThat(s.perClass()[2][0]).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.perClass()[1][1]).isCloseTo(0.25, within(1e-12));
        assertThat(s.overall()).containsExactly(new double[] {0.75, 0.5, 0}, within(1e-12));
    }

    @Test
    void anovaIsTheFStatistic() {
        // neuron 0: grand mean 12/5 = 2.4; SSB = 2(2−2.4)² + 1(0−2.4)² + 2(4−2.4)² = 0.32 + 5.76 + 5.12 = 11.2;
        // SSW = (1−2)² + (3−2)² + 0 + 0 + 0 = 2; F = (11.2/2) / (2/2) = 5.6.
        // neuron 1: grand mean 0.6; SSB = 2·0.36 + 0.16 + 2·0.16 = 1.2; SSW = 0 + 0 + (2−1)² + (0−1)² = 2; F = 0.6.
        NeuronScores s = Anova.of(stats(false));
        assertThat(s.overall()).containsExactly(new double[] {5.6, 0.6, 0}, within(1e-12));
    }

    @Test
    void anovaOrdersAsSmilesSumSquaresRatio() {
        float[][] rows = new float[60][4];
        int[] classes = new int[60];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < rows.length; i++) {
            classes[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                rows[i][j] = (float) (r.nextDouble() + (j == 2 ? classes[i] : j == 0 ? 0.3 * classes[i] : 0));
            }
        }
        NeuronScores f = Anova.of(ClassStatistics.of(rows, classes, ABC, false));
        double[][] x = new double[rows.length][4];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 4; j++) {
                x[i][j] = rows[i][j];
            }
        }
        DataFrame df = DataFrame.of(x, "n0", "n1", "n2", "n3").merge(IntVector.of("y", classes));
        SumSquaresRatio[] smile = SumSquaresRatio.fit(df, "y");
        double factor = (rows.length - 3) / 2.0; // F = SSB/(K−1) / (SSW/(N−K)) = ratio · (N−K)/(K−1)
        for (int j = 0; j < 4; j++) {
            assertThat(f.overall()[j]).isCloseTo(smile[j].ssr * factor, within(1e-9 * f.overall()[j]));
        }
    }

    @Test
    void iouAndAveragePrecisionOnDistinctBins() {
        // One neuron, tokens 3 (A), 2.5 (B), 2 (A), 1 (B): each in a bin of its own.
        float[][] rows = {{3}, {2.5f}, {2}, {1}};
        ClassStatistics s = ClassStatistics.of(rows, new int[] {0, 1, 0, 1}, List.of("A", "B"), true);
        // AP of A, from the top: 3 (hit: R = 1/2, P = 1), 2.5 (miss), 2 (hit: R = 1, P = 2/3) → 1/2 + 1/3.
        // AP of B: 3 (miss), 2.5 (hit: P = 1/2), 2 (miss), 1 (hit: P = 2/4) → 1/4 + 1/4.
        NeuronScores ap = Detection.averagePrecision(s);
        assertThat(ap.perClass()[0][0]).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(ap.perClass()[1][0]).isCloseTo(0.5, within(1e-12));
        assertThat(ap.overall()[0]).isCloseTo(5.0 / 6, within(1e-12));
        // IoU at q = 0.5: "on" = the top two tokens {3, 2.5}; A = {3, 2}: 1 / 3; B = {2.5, 1}: 1 / 3.
        NeuronScores iou = Detection.iou(s, 0.5);
        assertThat(iou.perClass()[0][0]).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(iou.perClass()[1][0]).isCloseTo(1.0 / 3, within(1e-12));
        // q = 0.75: on = {3} → A: 1 / 2, B: 0.
        assertThat(Detection.iou(s, 0.75).perClass()[0][0]).isCloseTo(0.5, within(1e-12));
        assertThat(Detection.iou(s, 0.75).perClass()[1][0]).isZero();
    }

    @Test
    void detectorsRankTheNeuronThatFiresForAClassFirst() {
        // neuron 1 is high exactly on class A; neuron 0 is noise-like; neuron 2 is high on B only half the time.
        float[][] rows = {{0.1f, 5, 0}, {0.3f, 6, 0}, {0.2f, -1, 4}, {0.4f, -2, 0}, {0.1f, -1, 3}, {0.2f, -2, 0}};
        int[] cls = {0, 0, 1, 1, 1, 1};
        ClassStatistics s = ClassStatistics.of(rows, cls, List.of("A", "B"), true);
        assertThat(new StatisticRanker(RankMethod.AP).rank(s).order()[0]).isEqualTo(1);
        // q = 0.7: on = the top 1.8 → 2 tokens, {6, 5}, exactly class A.
        assertThat(Detection.iou(s, 0.7).overall()[1]).isEqualTo(1.0);
    }

    @Test
    void equalScoresKeepIdOrder() {
        Ordering o = Ordering.byScore(new double[] {1, 3, 1, 3});
        assertThat(o.order()).containsExactly(1, 3, 0, 2);
        assertThat(o.cutoffs()).containsExactly(4);
    }

    @Test
    void binsAreMonotoneAndCoverTheRange() {
        assertThat(ActivationBins.of(-1e9)).isZero();
        assertThat(ActivationBins.of(1e9)).isEqualTo(ActivationBins.BINS - 1);
        int previous = 0;
        for (double x = -50; x <= 50; x += 0.01) {
            int b = ActivationBins.of(x);
            assertThat(b).isGreaterThanOrEqualTo(previous);
            assertThat(x).isGreaterThanOrEqualTo(ActivationBins.lowerEdge(b) - 1e-9);
            assertThat(x).isLessThan(ActivationBins.lowerEdge(b + 1) + 1e-9);
            previous = b;
        }
        assertThat(ActivationBins.of(0.0)).isEqualTo(ActivationBins.BINS / 2);
    }
}
