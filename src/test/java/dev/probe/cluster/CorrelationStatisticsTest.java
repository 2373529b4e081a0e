package dev.probe.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The correlation statistics: merged halves equal the whole, and the correlations equal a two-pass computation. */
class CorrelationStatisticsTest {
    private static final int ROWS = 501;
    private static final int WIDTH = 37;

    /** Rows of correlated neurons with large, different means (the case where one-pass formulas lose digits). */
    private static float[] data() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[ROWS * WIDTH];
        for (int i = 0; i < ROWS; i++) {
            double shared = random.nextGaussian();
            for (int j = 0; j < WIDTH; j++) {
                x[i * WIDTH + j] = (float) (10.0 * (j % 5) - 20 + (j % 3) * shared + random.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void statisticsOfTwoHalvesMergedEqualThoseOfTheWhole() {
        float[] x = data();
        int split = 201;
        float[] first = java.util.Arrays.copyOfRange(x, 0, split * WIDTH);
        float[] second = java.util.Arrays.copyOfRange(x, split * WIDTH, x.length);
        CorrelationStatistics whole = CorrelationStatistics.ofRows(x, ROWS, WIDTH);
        CorrelationStatistics merged = CorrelationStatistics.ofRows(first, split, WIDTH)
                .merge(CorrelationStatistics.ofRows(second, ROWS - split, WIDTH));
        assertThat(merged.count()).isEqualTo(ROWS);
        assertSameMoments(merged, whole);
        for (int j = 0; j < WIDTH; j++) {
            for (int k = 0; k < WIDTH; k++) {
                assertThat(merged.correlation(j, k)).isCloseTo(whole.correlation(j, k), within(1e-12));
            }
        }
        // streaming in blocks gives the same statistics
        CorrelationStatistics.Accumulator acc = new CorrelationStatistics.Accumulator(WIDTH);
        for (int from = 0; from < ROWS; from += 100) {
            int rows = Math.min(100, ROWS - from);
            acc.add(java.util.Arrays.copyOfRange(x, from * WIDTH, (from + rows) * WIDTH), rows);
        }
        CorrelationStatistics streamed = acc.statistics();
        assertThat(streamed.count()).isEqualTo(ROWS);
        assertSameMoments(streamed, whole);
    }

    @Test
    void correlationsEqualATwoPassComputation() {
        float[] x = data();
        CorrelationStatistics s = CorrelationStatistics.ofRows(x, ROWS, WIDTH);
        double[] mean = new double[WIDTH];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < WIDTH; j++) {
                mean[j] += x[i * WIDTH + j] / (double) ROWS;
            }
        }
        for (int j = 0; j < WIDTH; j++) {
            for (int k = 0; k < WIDTH; k++) {
                double cjk = 0;
                double cjj = 0;
                double ckk = 0;
                for (int i = 0; i < ROWS; i++) {
                    double a = x[i * WIDTH + j] - mean[j];
                    double b = x[i * WIDTH + k] - mean[k];
                    cjk += a * b;
                    cjj += a * a;
                    ckk += b * b;
                }
                assertThat(s.correlation(j, k)).as("r(%d,%d)", j, k).isCloseTo(cjk / Math.sqrt(cjj * ckk),
                        within(1e-12));
            }
        }
    }

    @Test
    void aConstantNeuronCorrelatesZeroWithEveryOther() {
        float[] x = {1, 5, 2, 5, 3, 5};
        CorrelationStatistics s = CorrelationStatistics.ofRows(x, 3, 2);
        assertThat(s.isConstant(1)).isTrue();
        assertThat(s.correlation(0, 1)).isZero();
        assertThat(s.correlation(1, 1)).isEqualTo(1);
    }

    /**
     * The means and the centred cross-products agree to 1e-12 relative to their scale ({@code |x̄_j|} + the standard
     * deviation for a mean, {@code sqrt(C_jj·C_kk)} for a cross-product): the sums themselves are taken about different
     * shifts, so they are compared where the shift has been taken out.
     */
    private static void assertSameMoments(CorrelationStatistics actual, CorrelationStatistics expected) {
        for (int j = 0; j < WIDTH; j++) {
            double sd = Math.sqrt(expected.centredSquares(j) / expected.count());
            assertThat(actual.mean(j)).as("mean %d", j).isCloseTo(expected.mean(j),
                    within(1e-12 * (Math.abs(expected.mean(j)) + sd)));
            for (int k = j; k < WIDTH; k++) {
                double scale = Math.sqrt(expected.centredSquares(j) * expected.centredSquares(k));
                assertThat(actual.comoment(j, k)).as("C(%d,%d)", j, k).isCloseTo(expected.comoment(j, k),
                        within(1e-12 * scale));
            }
        }
    }
}
