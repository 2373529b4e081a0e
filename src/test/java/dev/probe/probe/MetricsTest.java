package dev.probe.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers for the probe metrics, each worked out by hand in a comment. */
class MetricsTest {
    private static final double EPS = 1e-12;
    private static final List<String> ABC = List.of("A", "B", "C");

    /**
     * Eight rows over classes A, B, C, one with a label training never saw (−1):
     *
     * <pre>
     * truth      A A A B B C ? C
     * predicted  A A B B B C A A
     * </pre>
     *
     * Correct: 5 of 8. A: predicted 4×, 2 right → P 1/2, support 3 → R 2/3, F1 4/7. B: predicted 3×, 2 right → P 2/3,
     * support 2 → R 1, F1 4/5. C: predicted once, right → P 1, support 2 → R 1/2, F1 2/3. The unseen row is an error
     * that lowers A's precision; it is no class of its own in the macro average.
     */
    @Test
    void accuracyPerClassAndMacroF1WithAnUnseenLabel() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 0, 1, 1, 2, -1, 2},
                new int[] {0, 0, 1, 1, 1, 2, 0, 0}, ABC);
        assertThat(m.size()).isEqualTo(8);
        assertThat(m.unseen()).isEqualTo(1);
        assertThat(m.accuracy()).isCloseTo(5 / 8.0, within(EPS));
        assertScore(m.perClass().get("A"), 1 / 2.0, 2 / 3.0, 4 / 7.0, 3);
        assertScore(m.perClass().get("B"), 2 / 3.0, 1.0, 4 / 5.0, 2);
        assertScore(m.perClass().get("C"), 1.0, 1 / 2.0, 2 / 3.0, 2);
        assertThat(m.macroF1()).isCloseTo((4 / 7.0 + 4 / 5.0 + 2 / 3.0) / 3, within(EPS));
        // rows: A, B, C, then the unseen row
        assertThat(m.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 2, 0}, {1, 0, 1}, {1, 0, 0}});
    }

    /**
     * Multiclass MCC (Gorodkin 2004) of the same rows, the unseen label counted as a fourth true class that is never
     * predicted: s = 8 rows, c = 5 correct; true counts t = (3, 2, 2, 1), predicted counts p = (4, 3, 1, 0);
     * Σ p·t = 12 + 6 + 2 = 20, Σ p² = 26, Σ t² = 18. MCC = (5·8 − 20) / √((64 − 26)(64 − 18)) = 20 / √1748.
     */
    @Test
    void multiclassMccWithAnUnseenLabel() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 0, 1, 1, 2, -1, 2},
                new int[] {0, 0, 1, 1, 1, 2, 0, 0}, ABC);
        assertThat(m.mcc()).isCloseTo(20 / Math.sqrt(1748), within(EPS));
    }

    /**
     * Binary: TP = 3, FN = 1, FP = 1, TN = 3 → MCC = (TP·TN − FP·FN) / √((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = 8 / 16,
     * accuracy 6/8, both classes P = R = F1 = 3/4.
     */
    @Test
    void binaryMccMatchesTheTwoByTwoFormula() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {1, 1, 1, 0, 0, 0, 0, 1},
                new int[] {1, 0, 1, 0, 0, 1, 0, 1}, List.of("neg", "pos"));
        assertThat(m.mcc()).isCloseTo(0.5, within(EPS));
        assertThat(m.accuracy()).isCloseTo(0.75, within(EPS));
        assertThat(m.macroF1()).isCloseTo(0.75, within(EPS));
        assertScore(m.perClass().get("pos"), 0.75, 0.75, 0.75, 4);
        assertThat(m.unseen()).isZero();
        assertThat(m.confusion()).hasDimensions(2, 2);
    }

    @Test
    void perfectConstantAndAllUnseenPredictions() {
        ClassificationMetrics perfect = ClassificationMetrics.of(new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 2}, ABC);
        assertThat(perfect.accuracy()).isEqualTo(1.0);
        assertThat(perfect.macroF1()).isEqualTo(1.0);
        assertThat(perfect.mcc()).isCloseTo(1.0, within(EPS));
        // a constant prediction carries no information: MCC's denominator is 0 and MCC is defined as 0
        ClassificationMetrics constant = ClassificationMetrics.of(new int[] {0, 1, 2, 0}, new int[] {0, 0, 0, 0}, ABC);
        assertThat(constant.accuracy()).isCloseTo(0.5, within(EPS));
        assertThat(constant.mcc()).isZero();
        // A: P 1/2, R 1 → F1 2/3; B and C are never predicted → F1 0, and they occur in the truth, so they count
        assertThat(constant.macroF1()).isCloseTo((2 / 3.0) / 3, within(EPS));
        // only unseen labels: every row is an error
        ClassificationMetrics unseen = ClassificationMetrics.of(new int[] {-1, -1}, new int[] {0, 1}, ABC);
        assertThat(unseen.accuracy()).isZero();
        assertThat(unseen.unseen()).isEqualTo(2);
        assertThat(unseen.perClass().get("A").precision()).isZero();
    }

    /** A class absent from both truth and predictions does not drag the macro average down. */
    @Test
    void macroF1SkipsClassesThatNeverOccur() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, ABC);
        // A: P 1, R 1/2 → 2/3; B: P 1/2, R 1 → 2/3; C never occurs
        assertThat(m.macroF1()).isCloseTo(2 / 3.0, within(EPS));
        assertThat(m.perClass().get("C").support()).isZero();
    }

    /**
     * t = (1, 2, 3, 4), p = (1, 3, 2, 4): deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5), Σ products = 4,
     * Σ squares = 5 each → Pearson 0.8; ranks equal the values, so Spearman 0.8; SS_res = 2, SS_tot = 5 → R² = 0.6;
     * MSE = 2/4.
     */
    @Test
    void regressionMetricsOnLiteralVectors() {
        RegressionMetrics m = RegressionMetrics.of(new float[] {1, 2, 3, 4}, new float[] {1, 3, 2, 4});
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.pearson()).isCloseTo(0.8, within(EPS));
        assertThat(m.spearman()).isCloseTo(0.8, within(EPS));
        assertThat(m.r2()).isCloseTo(0.6, within(EPS));
        assertThat(m.mse()).isCloseTo(0.5, within(EPS));
    }

    /**
     * Predictions twice the truth: perfectly correlated (Pearson = Spearman = 1) yet a bad fit: SS_res = 1+4+9+16+25
     * = 55, SS_tot = 10 → R² = 1 − 5.5 = −4.5 (R² is not a squared correlation), MSE = 11.
     */
    @Test
    void correlationIsScaleFreeButR2IsNot() {
        RegressionMetrics m = RegressionMetrics.of(new float[] {1, 2, 3, 4, 5}, new float[] {2, 4, 6, 8, 10});
        assertThat(m.pearson()).isCloseTo(1.0, within(EPS));
        assertThat(m.spearman()).isCloseTo(1.0, within(EPS));
        assertThat(m.r2()).isCloseTo(-4.5, within(EPS));
        assertThat(m.mse()).isCloseTo(11.0, within(EPS));
    }

    /**
     * Ties get the average of their ranks: t = (1, 2, 2, 3) → ranks (1, 2.5, 2.5, 4); p = (10, 30, 20, 40) → ranks
     * (1, 3, 2, 4). Rank deviations (−1.5, 0, 0, 1.5) and (−1.5, .5, −.5, 1.5): Σ products 4.5, Σ squares 4.5 and 5 →
     * Spearman = 4.5 / √22.5 = 3 / √10 ≈ 0.948683, as scipy.stats.spearmanr gives.
     */
    @Test
    void spearmanAveragesTiedRanks() {
        assertThat(RegressionMetrics.ranks(new double[] {1, 2, 2, 3})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(RegressionMetrics.ranks(new double[] {5, 5, 5})).containsExactly(2, 2, 2);
        RegressionMetrics m = RegressionMetrics.of(new float[] {1, 2, 2, 3}, new float[] {10, 30, 20, 40});
        assertThat(m.spearman()).isCloseTo(3 / Math.sqrt(10), within(EPS));
    }

    @Test
    void constantPredictionsHaveZeroCorrelation() {
        RegressionMetrics m = RegressionMetrics.of(new float[] {1, 2, 3}, new float[] {2, 2, 2});
        assertThat(m.pearson()).isZero();
        assertThat(m.spearman()).isZero();
        // predicting the mean: SS_res = SS_tot → R² = 0
        assertThat(m.r2()).isCloseTo(0.0, within(EPS));
    }

    private static void assertScore(ClassificationMetrics.ClassScore s, double precision, double recall, double f1,
            int support) {
        assertThat(s.precision()).isCloseTo(precision, within(EPS));
        assertThat(s.recall()).isCloseTo(recall, within(EPS));
        assertThat(s.f1()).isCloseTo(f1, within(EPS));
        assertThat(s.support()).isEqualTo(support);
    }
}
