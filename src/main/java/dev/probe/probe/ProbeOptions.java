package dev.probe.probe;

import dev.probe.InvalidRequest;

/**
 * Training settings of a probe.
 *
 * @param task classification or regression
 * @param l1 λ1, weight of Σ|W| (finite, ≥ 0)
 * @param l2 λ2, weight of ‖W‖_F, the Frobenius norm, not squared (finite, ≥ 0)
 * @param solver how the objective is minimised
 * @param tolerance the optimality threshold: the solver stops when the relative pseudo-gradient norm is at most this
 *     (see {@link dev.probe.probe.solver.L1Minimizer}); in (0, 1)
 * @param maxIterations the solver's iteration limit (a probe that reaches it is reported as not converged)
 * @param epochs passes over the training rows: the Adam schedule's epochs, or for the solver a cap on its passes
 *     (each evaluates the objective and its gradient once; 0 = no cap: the solver stops on the criterion)
 * @param batchSize rows per minibatch of the Adam schedule (the solver takes full passes in fixed blocks and ignores it)
 * @param learningRate Adam's step size (Adam schedule; finite, > 0)
 * @param seed seeds the Adam schedule's initial weights and shuffles, control tasks and random neuron sets
 * @param standardize scale each neuron to zero mean, unit variance (statistics from the training rows) before the
 *     penalty applies
 * @param minCount training labels seen fewer times are folded into one class (≥ 1)
 */
public record ProbeOptions(Task task, double l1, double l2, Solver solver, double tolerance, int maxIterations,
        int epochs, int batchSize, double learningRate, long seed, boolean standardize, int minCount) {

    /** The most epochs or solver iterations accepted: larger values are typing errors, not settings. */
    public static final int MAX_EPOCHS = 100_000;
    /** The most rows per block or minibatch. */
    public static final int MAX_BATCH = 1 << 20;
    /** The largest λ accepted. */
    public static final double MAX_LAMBDA = 1e6;

    /** What the probe predicts. */
    public enum Task {
        /** A label per word: multinomial logistic regression. */
        CLASSIFICATION,
        /** A number per word: linear regression (mean squared error). */
        REGRESSION
    }

    /** How the objective is minimised. */
    public enum Solver {
        /**
         * Full-batch proximal L-BFGS to the optimality threshold: the answer does not depend on the optimiser's
         * settings.
         */
        PROXIMAL_LBFGS,
        /** NeuroX's fixed minibatch Adam schedule (epochs, batch size, learning rate), for comparison with NeuroX. */
        ADAM
    }

    /** Checks every value; a bad one names its field and range. */
    public ProbeOptions {
        java.util.Objects.requireNonNull(task, "task");
        java.util.Objects.requireNonNull(solver, "solver");
        InvalidRequest.check("l1", l1, 0, MAX_LAMBDA);
        InvalidRequest.check("l2", l2, 0, MAX_LAMBDA);
        InvalidRequest.check("learningRate", learningRate, Double.MIN_VALUE, MAX_LAMBDA);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidRequest("tolerance", "must be a number in (0, 1), found " + tolerance);
        }
        InvalidRequest.check("epochs", epochs, solver == Solver.ADAM ? 1 : 0, MAX_EPOCHS);
        InvalidRequest.check("maxIterations", maxIterations, 1, MAX_EPOCHS);
        InvalidRequest.check("batchSize", batchSize, 1, MAX_BATCH);
        InvalidRequest.check("minCount", minCount, 1, Integer.MAX_VALUE);
    }

    /** The defaults of the command line (NeuroX's λ1 = λ2 = 0.001). */
    public static ProbeOptions defaults() {
        return new ProbeOptions(Task.CLASSIFICATION, 0.001, 0.001, Solver.PROXIMAL_LBFGS, 1e-4, 2000, 0, 32, 0.001,
                1, false, 1);
    }

    /** NeuroX's schedule: Adam, learning rate 0.001, batch 32, 10 epochs, no stopping rule. */
    public ProbeOptions neurox() {
        return new ProbeOptions(task, l1, l2, Solver.ADAM, tolerance, maxIterations, 10, 32, 0.001, seed, standardize,
                minCount);
    }

    /** The solver's cap on passes over the training rows ({@link Integer#MAX_VALUE} when {@code epochs} is 0). */
    public int maxPasses() {
        return epochs == 0 ? Integer.MAX_VALUE : epochs;
    }

    /** The same settings with other penalties (λ grids, rankers that drop a penalty). */
    public ProbeOptions withPenalties(double newL1, double newL2) {
        return new ProbeOptions(task, newL1, newL2, solver, tolerance, maxIterations, epochs, batchSize, learningRate,
                seed, standardize, minCount);
    }

    /** The same settings with another seed (control tasks). */
    public ProbeOptions withSeed(long newSeed) {
        return new ProbeOptions(task, l1, l2, solver, tolerance, maxIterations, epochs, batchSize, learningRate,
                newSeed, standardize, minCount);
    }
}
