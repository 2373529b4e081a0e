package dev.probe.cli;

import dev.probe.probe.ProbeOptions;
import picocli.CommandLine.Option;

/**
 * Probe training options shared by {@code train} and {@code rank}. Defaults: NeuroX's λ1 = λ2 = 0.001, solved to
 * convergence (relative pseudo-gradient norm ≤ 10⁻⁴) by OWL-QN; {@code --neurox} runs NeuroX's fixed Adam schedule
 * instead. See docs/benchmarks.md for the measurements behind them.
 */
public final class ProbeSettings {
    @Option(names = "--task", defaultValue = "classification", paramLabel = "classification|regression",
            description = "Predict labels or numbers (default: ${DEFAULT-VALUE}).")
    ProbeOptions.Task task;

    @Option(names = "--l1", defaultValue = "0.001", paramLabel = "λ1", description = "L1 penalty (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", defaultValue = "0.001", paramLabel = "λ2",
            description = "L2 penalty on the Frobenius norm (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--tolerance", defaultValue = "1e-4", paramLabel = "EPS",
            description = "Optimality threshold: stop when the pseudo-gradient norm is at most EPS times its value at"
                    + " zero weights (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--max-iterations", defaultValue = "2000", paramLabel = "N",
            description = "Solver iteration limit; a probe that reaches it is reported as not converged (default:"
                    + " ${DEFAULT-VALUE}).")
    int maxIterations;

    @Option(names = "--neurox", description = "NeuroX's training schedule instead of the solver: Adam, learning rate"
            + " 0.001, batch 32, 10 epochs, no stopping rule (results depend on these settings).")
    boolean neurox;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of the Adam schedule (with --neurox; default"
            + " 10); for the solver, a cap on its passes over the training rows (default: none).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N",
            description = "Minibatch rows of the Adam schedule (with --neurox; default 32). The solver takes full"
                    + " passes over the training rows and ignores it.")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (with --neurox; default 0.001). The"
            + " solver has no learning rate and ignores it.")
    Double learningRate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--standardize", description = "Scale each neuron to zero mean and unit variance (training"
            + " statistics) before the penalty applies.")
    boolean standardize;

    @Option(names = "--min-count", defaultValue = "1", paramLabel = "N",
            description = "Fold training labels seen fewer than N times into one class (default: ${DEFAULT-VALUE}).")
    int minCount;

    /** The validated options. */
    ProbeOptions options() {
        ProbeOptions.Task t = task;
        ProbeOptions d = ProbeOptions.defaults();
        d = new ProbeOptions(t, l1, l2, d.solver(), tolerance, maxIterations, d.epochs(), d.batchSize(),
                d.learningRate(), seed, standardize, minCount);
        if (neurox) {
            d = d.neurox();
        }
        return new ProbeOptions(t, l1, l2, d.solver(), tolerance, maxIterations, epochs != null ? epochs : d.epochs(),
                batchSize != null ? batchSize : d.batchSize(), learningRate != null ? learningRate : d.learningRate(),
                seed, standardize, minCount);
    }
}
