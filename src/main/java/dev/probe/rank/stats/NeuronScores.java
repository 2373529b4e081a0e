package dev.probe.rank.stats;

import java.util.Arrays;

/**
 * A statistic ranker's scores: one per neuron overall (larger = more important) and, for the methods that score
 * neuron–class pairs, one per class and neuron.
 *
 * @param overall score per neuron id; finite
 * @param perClass {@code [class][neuron]} scores, or null for methods without per-class scores
 */
public record NeuronScores(double[] overall, double[][] perClass) {
    /** Checks that every score is finite. */
    public NeuronScores {
        for (int j = 0; j < overall.length; j++) {
            if (!Double.isFinite(overall[j])) {
                throw new IllegalArgumentException("score of neuron " + j + " is not finite: " + overall[j]);
            }
        }
    }

    /** The largest per-class score of each neuron: the overall score of the per-class methods. */
    static double[] maxOverClasses(double[][] perClass, int neurons) {
        double[] best = new double[neurons];
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (double[] row : perClass) {
            for (int j = 0; j < neurons; j++) {
                if (!Double.isNaN(row[j])) {
                    best[j] = Math.max(best[j], row[j]);
                }
            }
        }
        for (int j = 0; j < neurons; j++) {
            if (best[j] == Double.NEGATIVE_INFINITY) {
                best[j] = 0;
            }
        }
        return best;
    }
}
