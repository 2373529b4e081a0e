package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.model.Threads;
import dev.probe.probe.ProbeOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Probe training options shared by {@code train} and {@code rank}. Defaults: NeuroX's λ1 = λ2 = 0.001, Adam with
 * learning rate 0.001, at most 10 epochs; plus this tool's batch of 512 and a stop once an epoch improves the training
 * loss by less than 3 % — see docs/benchmarks.md for the measurements behind them. Probes always train on one PyTorch
 * thread (see {@link #configureEngine()}).
 */
public final class ProbeSettings {
    @Option(names = "--task", defaultValue = "classification", paramLabel = "classification|regression",
            description = "Predict labels or numbers (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--l1", defaultValue = "0.001", paramLabel = "λ1", description = "L1 penalty (default: ${DEFAULT-VALUE}).")
    double l1;

    @Option(names = "--l2", defaultValue = "0.001", paramLabel = "λ2",
            description = "L2 penalty on the Frobenius norm (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "At most N epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "512", paramLabel = "N", description = "Rows per minibatch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "RATE", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--tolerance", defaultValue = "0.03", paramLabel = "FRACTION",
            description = "Stop after an epoch that lowers the training loss by less than this fraction; 0 runs every"
                    + " epoch (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--standardize", description = "Scale each neuron to zero mean and unit variance (training statistics).")
    boolean standardize;

    @Option(names = "--min-count", defaultValue = "1", paramLabel = "N",
            description = "Fold training labels seen fewer than N times into one class (default: ${DEFAULT-VALUE}).")
    int minCount;

    /**
     * Sets PyTorch to one thread: training with two threads diverged now and then (docs/benchmarks.md), and one
     * thread keeps runs reproducible.
     */
    static void configureEngine() {
        Threads.configure(1);
    }

    /** The validated options. */
    ProbeOptions options() throws ProbeException {
        ProbeOptions.Task t;
        try {
            t = ProbeOptions.Task.valueOf(task.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProbeException("--task: unknown task '" + task + "' (use classification or regression)");
        }
        return new ProbeOptions(t, l1, l2, epochs, batchSize, learningRate, seed, standardize, minCount, tolerance)
                .validate();
    }
}
