package dev.probe.probe;

import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.probe.solver.Convergence;
import dev.probe.probe.solver.L1Minimizer;
import dev.probe.probe.solver.ProximalQuasiNewton;
import dev.probe.probe.solver.Subgradients;

/**
 * Trains a linear probe by minimising NeuroX's elastic-net objective
 *
 * <pre>F(W, b) = data_loss(W, b) + λ1·Σ|W| + λ2·‖W‖_F</pre>
 *
 * (mean cross-entropy of {@code softmax(W·x + b)}, or mean squared error; Frobenius norm not squared; bias not
 * penalised) to convergence with {@link OwlQn}, in full passes over the memory-mapped training rows on the PyTorch
 * engine ({@link ProbeObjective}). The objective is convex, so the probe is a property of the data and λ, not of the
 * optimiser: the solver stops when the relative pseudo-gradient norm is at most {@link ProbeOptions#tolerance()}
 * and records how it ended ({@link Convergence}). A probe on a neuron subset may start from another probe's weights
 * (a warm start); it must reach the same criterion.
 *
 * <p>{@link ProbeOptions.Solver#ADAM} instead runs NeuroX's fixed minibatch schedule ({@link AdamSchedule}) and
 * measures the same criterion afterwards.
 */
public final class ElasticNetTrainer {
    /** Curvature pairs the solver keeps: with the per-class blocks as its base, 30 pairs needed no fewer iterations. */
    private static final int MEMORY = 10;

    private ElasticNetTrainer() {
    }

    /** Told how far training is, as a fraction in [0, 1] (an estimate for the solver). */
    @FunctionalInterface
    public interface Listener {
        void progress(double fraction);
    }

    /**
     * A trained probe.
     *
     * @param probe the probe
     * @param convergence how the optimisation ended
     */
    public record Result(LinearProbe probe, Convergence convergence) {
    }

    /**
     * Trains a probe.
     *
     * @param train training rows; class ids ≥ 0 (classification) or targets (regression)
     * @param stats the training rows' statistics over all neurons of the store ({@link #statistics})
     * @param features the neurons read (statistics of {@code features} are ignored: standardisation follows
     *     {@link ProbeOptions#standardize()})
     * @param labels the label index (classification), or null (regression)
     * @param options settings (validated)
     * @param warmStart a probe to start from (its weights on the neurons of {@code features}), or null
     * @param listener told about progress
     */
    public static Result fit(ProbeData train, TrainingStatistics stats, Features features, LabelIndex labels,
            ProbeOptions options, LinearProbe warmStart, Listener listener) {
        int[] neurons = features.neurons();
        TrainingStatistics s = stats.restrict(neurons);
        boolean classification = options.task() == ProbeOptions.Task.CLASSIFICATION;
        double[] scale = ProbeObjective.scales(s);
        double[] kappa = kappa(scale, options);
        Features probeFeatures = options.standardize()
                ? new Features(neurons, toFloats(s.mean()), toFloats(scale)) : new Features(neurons, null, null);
        try (NDManager base = NDManager.newBaseManager("PyTorch");
                DesignBlocks blocks = new DesignBlocks(base, train, neurons, DesignBlocks.ROWS)) {
            ProbeObjective objective = new ProbeObjective(base, blocks, s, classification, kappa, options.l2());
            double[] l1 = objective.l1Weights(options.l1());
            double reference = objective.referenceNorm(s, options.l1());
            double[] x;
            Convergence convergence;
            if (options.solver() == ProbeOptions.Solver.ADAM) {
                long began = System.nanoTime();
                LinearProbe p = AdamSchedule.fit(train, probeFeatures, labels, options,
                        epoch -> listener.progress((epoch + 1.0) / options.epochs())).probe();
                x = parameters(objective, p, stats);
                double[] g = new double[x.length];
                double value = objective.evaluate(x, g) + Subgradients.penalty(x, l1);
                double criterion = Subgradients.pseudoGradientNorm(x, g, l1) / (reference > 0 ? reference : 1);
                convergence = new Convergence("adam", criterion <= options.tolerance(), options.epochs(), 1, value,
                        L1Minimizer.CRITERION, criterion, options.tolerance(), "fixed schedule",
                        (System.nanoTime() - began) / 1e9);
            } else {
                double[] start = startingPoint(objective, l1, warmStart, stats);
                double logTarget = Math.log(options.tolerance());
                L1Minimizer.Settings settings = new L1Minimizer.Settings(options.tolerance(),
                        options.maxIterations(), options.maxPasses());
                L1Minimizer.Listener progress = (iteration, value, criterion) -> listener.progress(
                        Math.max(0, Math.min(1, Math.log(Math.max(criterion, 1e-300)) / logTarget)));
                L1Minimizer.Result r = new ProximalQuasiNewton(MEMORY).minimize(objective, l1, start, reference,
                        settings, progress);
                x = r.x();
                convergence = r.convergence();
            }
            int outputs = classification ? labels.size() : 1;
            int width = s.width();
            float[] w = new float[outputs * width];
            float[] b = new float[outputs];
            if (options.standardize()) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) x[i];
                }
                for (int c = 0; c < outputs; c++) {
                    b[c] = (float) x[outputs * width + c];
                }
            } else {
                objective.rawWeights(x, w, b);
            }
            return new Result(new LinearProbe(options.task(), labels, probeFeatures, outputs, width, w, b),
                    convergence);
        }
    }

    /**
     * Where the solver starts: the warm start or zero, whichever has the lower objective. A warm start restricted to
     * a few neurons can be far worse than zero (its weights were fitted beside neurons now dropped), and a poor start
     * costs iterations without changing the optimum the solver converges to.
     */
    private static double[] startingPoint(ProbeObjective objective, double[] l1, LinearProbe warmStart,
            TrainingStatistics stats) {
        double[] zero = new double[objective.dimension()];
        if (warmStart == null) {
            return zero;
        }
        double[] warm = parameters(objective, warmStart, stats);
        double[] g = new double[zero.length];
        double atWarm = objective.evaluate(warm, g) + Subgradients.penalty(warm, l1);
        return atWarm <= objective.valueAtOrigin() ? warm : zero;
    }

    /**
     * The statistics of the training rows over all neurons of the store, from one pass (also the check that no
     * training activation is NaN or infinite).
     *
     * @param outputs number of classes (classification) or 1 (regression)
     * @param blockRows rows per block of the pass
     * @throws ProbeException naming the file, row and neuron of a non-finite activation
     */
    public static TrainingStatistics statistics(ProbeData train, int outputs, int blockRows) throws ProbeException {
        try (NDManager base = NDManager.newBaseManager("PyTorch");
                DesignBlocks blocks = new DesignBlocks(base, train, null, blockRows)) {
            return TrainingStatistics.of(blocks, outputs, base);
        }
    }

    /**
     * Each input neuron's entry score at the probe's weights: {@code max_c |∂f/∂W_cj| / λ1}, the largest gradient of
     * the smooth part of the objective (data loss and ‖W‖_F) with respect to the neuron's weights, in the units the L1
     * penalty uses. At an optimum a neuron whose weights are all zero has a score of at most 1, and would enter the
     * model if λ1 dropped below its score times λ1: the score orders such neurons by how close they are to being used
     * (the order in which they enter along the regularisation path). With λ1 = 0 the gradient itself is returned.
     * One pass over the training rows.
     */
    public static double[] entryScores(ProbeData train, TrainingStatistics stats, LinearProbe probe,
            ProbeOptions options) {
        int[] neurons = probe.features().neurons();
        TrainingStatistics s = stats.restrict(neurons);
        double[] scale = ProbeObjective.scales(s);
        double[] kappa = kappa(scale, options);
        try (NDManager base = NDManager.newBaseManager("PyTorch");
                DesignBlocks blocks = new DesignBlocks(base, train, neurons, DesignBlocks.ROWS)) {
            ProbeObjective objective = new ProbeObjective(base, blocks, s, options.task()
                    == ProbeOptions.Task.CLASSIFICATION, kappa, options.l2());
            double[] x = parameters(objective, probe, stats);
            double[] g = new double[x.length];
            objective.evaluate(x, g);
            int width = s.width();
            double[] score = new double[width];
            double unit = options.l1() > 0 ? options.l1() : 1;
            for (int c = 0; c < probe.outputs(); c++) {
                for (int j = 0; j < width; j++) {
                    score[j] = Math.max(score[j], Math.abs(g[c * width + j]) / kappa[j] / unit);
                }
            }
            return score;
        }
    }

    /**
     * The solver's parameters for {@code probe} restricted to the objective's neurons: raw weights of the neurons
     * the objective reads (0 for those the probe lacks), and the centred bias {@code b' = b_raw + Σ_j W_raw,j·μ_j}
     * over all the probe's neurons, so that dropping neurons keeps their mean contribution in the bias.
     */
    private static double[] parameters(ProbeObjective objective, LinearProbe probe, TrainingStatistics all) {
        Features f = probe.features();
        int outputs = probe.outputs();
        int width = probe.width();
        int[] target = objective.neurons();
        int targetWidth = target == null ? all.width() : target.length;
        java.util.Map<Integer, Integer> column = new java.util.HashMap<>();
        for (int j = 0; j < width; j++) {
            column.put(f.neurons() == null ? j : f.neurons()[j], j);
        }
        float[] w = new float[outputs * targetWidth];
        float[] b = new float[outputs];
        for (int c = 0; c < outputs; c++) {
            double centred = probe.bias()[c];
            for (int j = 0; j < width; j++) {
                int neuron = f.neurons() == null ? j : f.neurons()[j];
                double raw = probe.weights()[c * width + j];
                if (f.std() != null) {
                    raw /= f.std()[j];
                    centred -= raw * f.mean()[j];
                }
                centred += raw * all.mean()[neuron];
            }
            for (int k = 0; k < targetWidth; k++) {
                Integer j = column.get(target == null ? k : target[k]);
                double raw = j == null ? 0 : probe.weights()[c * width + j] / (f.std() != null ? f.std()[j] : 1);
                w[c * targetWidth + k] = (float) raw;
                centred -= raw * all.mean()[target == null ? k : target[k]];
            }
            b[c] = (float) centred;
        }
        return objective.parameters(w, b);
    }

    /** The penalty scale per neuron: 1 on standardised activations, {@code 1/s_j} on raw ones ({@link ProbeObjective}). */
    private static double[] kappa(double[] scale, ProbeOptions options) {
        double[] kappa = new double[scale.length];
        for (int j = 0; j < kappa.length; j++) {
            kappa[j] = options.standardize() ? 1 : 1 / scale[j];
        }
        return kappa;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
