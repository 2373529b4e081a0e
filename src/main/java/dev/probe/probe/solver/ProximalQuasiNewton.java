package dev.probe.probe.solver;

import java.util.Arrays;

/**
 * Minimises {@code F(x) = f(x) + Σ_j λ_j·|x_j|} with a proximal quasi-Newton method: at each iterate, the L1 problem
 * with f replaced by its quadratic model {@code f(x) + gᵀd + ½·dᵀBd} (B the compact L-BFGS matrix of Byrd, Nocedal and
 * Schnabel 1994) is solved by cyclic coordinate descent with exact soft-thresholding over the working set (coordinates
 * that are non-zero or whose gradient exceeds their λ), then a backtracking line search along the resulting direction
 * with the sufficient-decrease condition {@code F(x + αd) ≤ F(x) + 10⁻⁴·α·(gᵀd + P(x + d) − P(x))}. This is the method of
 * Scheinberg and Tang (Mathematical Programming 2016, "Practical inexact proximal quasi-Newton method with global
 * complexity analysis", LHAC). Zeros are exact: a coordinate is zero after a step only when soft-thresholding says so.
 *
 * <p>When the function offers dense curvature blocks ({@link SmoothFunction#curvature}), the model starts from them
 * with Levenberg–Marquardt damping {@code μ} ({@link Curvature#damped}): a step that needs more than
 * three halvings is discarded and the direction recomputed with ten times the damping, which then shrinks by a third
 * after each full step. A local Hessian can promise far more than the function gives (a class whose probabilities are
 * saturated has almost no curvature until the step leaves the saturation); the damping is the trust region that keeps
 * such steps honest. Past a damping of {@code 10⁴} the blocks are given up and the scaled diagonal used.
 *
 * <p>It stops on the criterion of {@link L1Minimizer}: {@code ‖◇F(x)‖₂ ≤ tolerance · reference}. When the function
 * offers a {@link SmoothFunction#curvature() curvature estimate}, the L-BFGS matrix grows from that diagonal (scaled by
 * the secant condition) instead of a multiple of the identity. All arithmetic is in double precision in a fixed order,
 * so the same inputs give the same bits.
 */
public final class ProximalQuasiNewton implements L1Minimizer {
    private static final double SUFFICIENT = 1e-4;
    /** Halvings of the step before the line search gives up (the step is then below 10⁻⁶ of the model's). */
    private static final int MAX_BACKTRACKS = 20;
    /** Halvings with the block model before it is damped instead ({@link #MAX_DAMPING}). */
    private static final int BLOCK_BACKTRACKS = 3;
    /** Damping beyond which the block model is given up and the scaled diagonal used for the rest of the solve. */
    private static final double MAX_DAMPING = 1e4;

    private final int memory;

    /** @param memory number of curvature pairs kept (≥ 1) */
    public ProximalQuasiNewton(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("memory must be ≥ 1, found " + memory);
        }
        this.memory = memory;
    }

    @Override
    public Result minimize(SmoothFunction f, double[] l1, double[] start, double reference, Settings settings,
            Listener listener) {
        int n = f.dimension();
        if (l1.length != n || start.length != n) {
            throw new IllegalArgumentException("l1 and start must have " + n + " entries; found " + l1.length + ", "
                    + start.length);
        }
        double scale = reference > 0 ? reference : 1;
        long began = System.nanoTime();
        double[] x = start.clone();
        double[] g = new double[n];
        double smooth = f.evaluate(x, g);
        double objective = smooth + Subgradients.penalty(x, l1);
        int evaluations = 1;
        double[] pg = new double[n];
        Subgradients.pseudoGradient(x, g, l1, pg);
        double criterion = Subgradients.norm(pg) / scale;
        CompactLbfgs model = new CompactLbfgs(memory, n);
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int iteration = 0;
        boolean retried = false;
        double damping = 0;
        String stop;
        listener.iteration(0, objective, criterion);
        while (true) {
            if (!Double.isFinite(objective) || !Double.isFinite(criterion)) {
                throw new ArithmeticException("the objective became " + objective + " (criterion " + criterion + ")");
            }
            if (criterion <= settings.tolerance()) {
                stop = "converged";
                break;
            }
            if (iteration >= settings.maxIterations() || evaluations >= settings.maxEvaluations()) {
                stop = iteration >= settings.maxIterations() ? "iteration limit" : "evaluation limit";
                break;
            }
            int[] working = workingSet(x, g, l1);
            Curvature b0 = f.curvature(x, working);
            boolean blocks = b0 != null && !b0.blocks().isEmpty() && damping <= MAX_DAMPING;
            if (!blocks) {
                b0 = model.scaledDiagonal(b0 == null ? null : b0.diagonal(), Subgradients.norm(pg));
            }
            boolean accepted = false;
            double newObjective = Double.NaN;
            double alpha = 1;
            while (true) {
                model.direction(x, g, l1, working, blocks && damping > 0 ? b0.damped(damping) : b0, d);
                double predicted = 0;
                double penaltyNow = Subgradients.penalty(x, l1);
                for (int j = 0; j < n; j++) {
                    predicted += g[j] * d[j];
                    xNew[j] = x[j] + d[j];
                }
                predicted += Subgradients.penalty(xNew, l1) - penaltyNow;
                alpha = 1;
                int backtracks = blocks ? BLOCK_BACKTRACKS : MAX_BACKTRACKS;
                if (predicted < 0) {
                    for (int k = 0; k < backtracks && !accepted && evaluations < settings.maxEvaluations();
                            k++, alpha *= 0.5) {
                        for (int j = 0; j < n; j++) {
                            xNew[j] = x[j] + alpha * d[j];
                        }
                        newObjective = f.evaluate(xNew, gNew) + Subgradients.penalty(xNew, l1);
                        evaluations++;
                        accepted = newObjective <= objective + SUFFICIENT * alpha * predicted;
                    }
                    alpha *= 2;
                }
                if (accepted || !blocks || evaluations >= settings.maxEvaluations()) {
                    break;
                }
                // the block model promised too much: damp it until its step is accepted, or give it up for good
                damping = Math.max(10 * damping, 1e-2);
                if (damping > MAX_DAMPING) {
                    break;
                }
            }
            if (blocks && accepted) {
                damping = alpha == 1 ? (damping < 1e-4 ? 0 : damping / 3) : Math.max(damping, 1e-3) / alpha;
            }
            if (!accepted) {
                if (blocks && damping > MAX_DAMPING && evaluations < settings.maxEvaluations()) {
                    continue; // the blocks are given up: the scaled diagonal from here on
                }
                if (!model.isEmpty() && !retried && evaluations < settings.maxEvaluations()) {
                    model.clear();
                    retried = true;
                    continue;
                }
                stop = evaluations >= settings.maxEvaluations() ? "evaluation limit" : "no progress";
                break;
            }
            retried = false;
            model.add(x, xNew, g, gNew);
            double[] t = x;
            x = xNew;
            xNew = t;
            t = g;
            g = gNew;
            gNew = t;
            objective = newObjective;
            Subgradients.pseudoGradient(x, g, l1, pg);
            criterion = Subgradients.norm(pg) / scale;
            iteration++;
            listener.iteration(iteration, objective, criterion);
        }
        Convergence convergence = new Convergence("proximal-lbfgs", "converged".equals(stop), iteration, evaluations,
                objective, CRITERION, criterion, settings.tolerance(), stop,
                (System.nanoTime() - began) / 1e9);
        return new Result(x, g, convergence);
    }

    /** Coordinates that are non-zero, unpenalised, or whose gradient exceeds their λ (they would leave zero). */
    private static int[] workingSet(double[] x, double[] g, double[] l1) {
        int[] ws = new int[x.length];
        int k = 0;
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0 || l1[j] == 0 || Math.abs(g[j]) > l1[j]) {
                ws[k++] = j;
            }
        }
        return Arrays.copyOf(ws, k);
    }
}
