package dev.probe.probe;

import dev.probe.ProbeException;

/**
 * Training settings of a probe.
 *
 * @param task classification or regression
 * @param l1 λ1, weight of Σ|W| (≥ 0)
 * @param l2 λ2, weight of ‖W‖_F, the Frobenius norm, not squared (≥ 0)
 * @param epochs passes over the training rows (≥ 1)
 * @param batchSize rows per minibatch (≥ 1)
 * @param learningRate Adam's step size (> 0)
 * @param seed seeds the initial weights and every epoch's shuffle
 * @param standardize scale each neuron to zero mean, unit variance (statistics from the training rows)
 * @param minCount training labels seen fewer times are folded into one class (≥ 1)
 * @param tolerance stopping rule: stop after an epoch that lowers the mean training loss by less than this fraction
 *     (0 runs all epochs)
 */
public record ProbeOptions(Task task, double l1, double l2, int epochs, int batchSize, double learningRate, long seed,
        boolean standardize, int minCount, double tolerance) {

    /** What the probe predicts. */
    public enum Task {
        /** A label per word: multinomial logistic regression. */
        CLASSIFICATION,
        /** A number per word: linear regression (mean squared error). */
        REGRESSION
    }

    /** Validates the values; a bad one is a user error naming the option. */
    public ProbeOptions validate() throws ProbeException {
        if (!(l1 >= 0) || !(l2 >= 0)) {
            throw new ProbeException("--l1 and --l2 must be ≥ 0, found l1=" + l1 + ", l2=" + l2);
        }
        if (epochs < 1 || batchSize < 1 || minCount < 1) {
            throw new ProbeException("--epochs, --batch-size and --min-count must be ≥ 1, found " + epochs + ", "
                    + batchSize + ", " + minCount);
        }
        if (!(tolerance >= 0)) {
            throw new ProbeException("--tolerance must be ≥ 0, found " + tolerance);
        }
        if (!(learningRate > 0)) {
            throw new ProbeException("--lr must be > 0, found " + learningRate);
        }
        return this;
    }

    /** The same settings with other penalties (λ grids, retraining on neuron subsets). */
    public ProbeOptions withPenalties(double newL1, double newL2) {
        return new ProbeOptions(task, newL1, newL2, epochs, batchSize, learningRate, seed, standardize, minCount,
                tolerance);
    }
}
