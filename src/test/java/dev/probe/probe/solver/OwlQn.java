package dev.probe.probe.solver;

import java.util.Arrays;

/**
 * A second, independent L1 solver for the tests: it cross-checks {@link ProximalQuasiNewton} on the same problems.
 * Minimises {@code F(x) = f(x) + Σ_j λ_j·|x_j|} for a convex, differentiable {@code f} and weights {@code λ_j ≥ 0}
 * with OWL-QN, the orthant-wise limited-memory quasi-Newton method of Andrew and Gao (ICML 2007, "Scalable training of
 * L1-regularized log-linear models"). The L1 term is handled exactly, not by a subgradient: each step stays inside the
 * orthant of the current point (coordinates that would cross zero are set to zero), so the optimum's exact zeros are
 * reached and kept. Coordinates with {@code λ_j = 0} are ordinary L-BFGS coordinates.
 *
 * <p><b>Optimality criterion.</b> The pseudo-gradient {@code ◇F(x)} is the minimum-norm subgradient of F: for
 * {@code x_j ≠ 0} it is {@code ∂_j f + λ_j·sign(x_j)}; for {@code x_j = 0} it is {@code ∂_j f + λ_j} when that is
 * negative, {@code ∂_j f − λ_j} when that is positive, and 0 otherwise. It is zero exactly at the minimum. The solver
 * stops when {@code ‖◇F(x)‖₂ ≤ tolerance · reference}, where the caller passes as {@code reference} the norm
 * {@code ‖◇F(0)‖₂} at the origin, so the criterion does not depend on where the solver started (a warm start must
 * reach the same criterion as a cold one).
 *
 * <p>Each iteration: direction {@code d = −H·◇F} from the two-loop recursion over the last {@code memory} pairs
 * {@code (s, y)} (y from gradients of f alone), with components whose sign disagrees with {@code −◇F} zeroed; a
 * backtracking line search on the projected point with the Armijo condition
 * {@code F(x') ≤ F(x) + 10⁻⁴·◇F(x)ᵀ(x' − x)}. When no step decreases F (floating-point precision reached), the memory
 * is cleared and steepest descent tried once more before stopping with {@code "no progress"}. All arithmetic is in
 * double precision in a fixed order, so the same inputs give the same bits.
 */
public final class OwlQn implements L1Minimizer {
    /** Armijo constant. */
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private final int memory;

    /** @param memory number of curvature pairs kept */
    public OwlQn(int memory) {
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
        double objective = f.evaluate(x, g) + Subgradients.penalty(x, l1);
        int evaluations = 1;
        double[] pg = new double[n];
        Subgradients.pseudoGradient(x, g, l1, pg);
        double criterion = Subgradients.norm(pg) / scale;
        History history = new History(memory, n);
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        int iteration = 0;
        boolean retried = false;
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
            history.direction(pg, d);
            alignWithSteepest(d, pg, l1);
            if (!(Subgradients.dot(d, pg) < 0)) {
                history.clear();
                history.direction(pg, d);
            }
            double alpha = history.isEmpty() ? Math.min(1, 1 / Subgradients.norm(d)) : 1;
            double newObjective = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < MAX_BACKTRACKS && !accepted; k++, alpha *= 0.5) {
                project(x, d, alpha, pg, l1, xNew);
                newObjective = f.evaluate(xNew, gNew) + Subgradients.penalty(xNew, l1);
                evaluations++;
                double expected = 0;
                for (int j = 0; j < n; j++) {
                    expected += pg[j] * (xNew[j] - x[j]);
                }
                accepted = newObjective <= objective + ARMIJO * expected && expected < 0;
            }
            if (!accepted) {
                if (!history.isEmpty() && !retried) {
                    history.clear();
                    retried = true;
                    continue;
                }
                stop = "no progress";
                break;
            }
            retried = false;
            history.add(x, xNew, g, gNew);
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
        Convergence convergence = new Convergence("owlqn", "converged".equals(stop), iteration, evaluations, objective,
                CRITERION, criterion, settings.tolerance(), stop, (System.nanoTime() - began) / 1e9);
        return new Result(x, g, convergence);
    }

    /** Zeroes the penalised components of {@code d} that do not point against the pseudo-gradient. */
    private static void alignWithSteepest(double[] d, double[] pg, double[] l1) {
        for (int j = 0; j < d.length; j++) {
            if (l1[j] != 0 && d[j] * pg[j] >= 0) {
                d[j] = 0;
            }
        }
    }

    /**
     * {@code out = x + alpha·d}, with each penalised coordinate that leaves the orthant of {@code x} (or, where
     * {@code x_j = 0}, the orthant of {@code −◇F_j}) set to zero.
     */
    private static void project(double[] x, double[] d, double alpha, double[] pg, double[] l1, double[] out) {
        for (int j = 0; j < x.length; j++) {
            double v = x[j] + alpha * d[j];
            if (l1[j] != 0) {
                double orthant = x[j] != 0 ? Math.signum(x[j]) : -Math.signum(pg[j]);
                if (Math.signum(v) != orthant) {
                    v = 0;
                }
            }
            out[j] = v;
        }
    }

    /** The last {@code memory} curvature pairs and the two-loop recursion. */
    private static final class History {
        private final double[][] s;
        private final double[][] y;
        private final double[] rho;
        private final double[] alpha;
        private int newest = -1;
        private int size;

        History(int memory, int n) {
            s = new double[memory][n];
            y = new double[memory][n];
            rho = new double[memory];
            alpha = new double[memory];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
            newest = -1;
        }

        /** Keeps the pair when its curvature {@code sᵀy} is positive (always, for convex f, up to round-off). */
        void add(double[] x, double[] xNew, double[] g, double[] gNew) {
            int slot = (newest + 1) % s.length;
            double sy = 0;
            double[] sv = s[slot];
            double[] yv = y[slot];
            for (int j = 0; j < x.length; j++) {
                sv[j] = xNew[j] - x[j];
                yv[j] = gNew[j] - g[j];
                sy += sv[j] * yv[j];
            }
            if (!(sy > 1e-12 * Subgradients.norm(sv) * Subgradients.norm(yv))) {
                return;
            }
            rho[slot] = 1 / sy;
            newest = slot;
            size = Math.min(size + 1, s.length);
        }

        /** {@code d = −H·v}, H the L-BFGS inverse-Hessian estimate (identity when empty). */
        void direction(double[] v, double[] d) {
            int n = v.length;
            System.arraycopy(v, 0, d, 0, n);
            int m = s.length;
            for (int i = 0; i < size; i++) {
                int k = Math.floorMod(newest - i, m);
                alpha[k] = rho[k] * Subgradients.dot(s[k], d);
                double a = alpha[k];
                double[] yk = y[k];
                for (int j = 0; j < n; j++) {
                    d[j] -= a * yk[j];
                }
            }
            if (size > 0) {
                double gamma = 1 / (rho[newest] * Subgradients.dot(y[newest], y[newest]));
                for (int j = 0; j < n; j++) {
                    d[j] *= gamma;
                }
            }
            for (int i = size - 1; i >= 0; i--) {
                int k = Math.floorMod(newest - i, m);
                double b = rho[k] * Subgradients.dot(y[k], d);
                double c = alpha[k] - b;
                double[] sk = s[k];
                for (int j = 0; j < n; j++) {
                    d[j] += c * sk[j];
                }
            }
            for (int j = 0; j < n; j++) {
                d[j] = -d[j];
            }
            Arrays.fill(alpha, 0);
        }
    }
}
