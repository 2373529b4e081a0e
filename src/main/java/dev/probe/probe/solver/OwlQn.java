package dev.probe.probe.solver;

import java.util.Arrays;

/**
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
public final class OwlQn {
    /** Armijo constant. */
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private static final boolean TRACE = Boolean.getBoolean("probe.trace");

    private static int nonZero(double[] x, double[] l1) {
        int k = 0;
        for (int j = 0; j < x.length; j++) {
            k += l1[j] != 0 && x[j] != 0 ? 1 : 0;
        }
        return k;
    }

    private OwlQn() {
    }

    /**
     * Solver settings.
     *
     * @param tolerance threshold of the relative pseudo-gradient norm, in (0, 1)
     * @param maxIterations iteration limit (≥ 0)
     * @param memory number of curvature pairs kept (≥ 1)
     */
    public record Settings(double tolerance, int maxIterations, int memory) {
        public Settings {
            if (!(tolerance > 0 && tolerance < 1) || maxIterations < 0 || memory < 1) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), maxIterations ≥ 0 and memory ≥ 1;"
                        + " found " + tolerance + ", " + maxIterations + ", " + memory);
            }
        }
    }

    /**
     * The solution.
     *
     * @param x the parameters reached
     * @param gradient ∇f at {@code x} (the smooth part only)
     * @param convergence how it ended
     */
    public record Result(double[] x, double[] gradient, Convergence convergence) {
    }

    /** Told after each accepted step and once at the start (iteration 0). */
    @FunctionalInterface
    public interface Listener {
        void iteration(int iteration, double objective, double criterion);
    }

    /**
     * Minimises {@code f(x) + Σ λ_j|x_j|} from {@code start}.
     *
     * @param l1 the weights λ_j (≥ 0), one per parameter
     * @param start the starting point (not modified)
     * @param reference {@code ‖◇F(0)‖₂}, the scale of the criterion (a value ≤ 0 makes the criterion absolute)
     */
    public static Result minimize(SmoothFunction f, double[] l1, double[] start, double reference, Settings settings,
            Listener listener) {
        return minimize(f, l1, start, reference, null, settings, listener);
    }

    /**
     * As {@link #minimize(SmoothFunction, double[], double[], double, Settings, Listener)}, with a diagonal scaling
     * {@code D} (positive) of the steps taken while the curvature memory is empty: the direction is then
     * {@code −D·◇F} instead of {@code −◇F}. A penalty that is not differentiable at the start (‖W‖_F at W = 0) needs
     * it when its own scaling differs from the smooth part's.
     *
     * @param firstScaling the diagonal D, or null for the identity
     */
    public static Result minimize(SmoothFunction f, double[] l1, double[] start, double reference,
            double[] firstScaling, Settings settings, Listener listener) {
        int n = f.dimension();
        if (l1.length != n || start.length != n) {
            throw new IllegalArgumentException("l1 and start must have " + n + " entries; found " + l1.length + ", "
                    + start.length);
        }
        double scale = reference > 0 ? reference : 1;
        long began = System.nanoTime();
        double[] x = start.clone();
        double[] g = new double[n];
        double objective = f.evaluate(x, g) + penalty(x, l1);
        int evaluations = 1;
        double[] pg = new double[n];
        pseudoGradient(x, g, l1, pg);
        double criterion = norm(pg) / scale;
        History history = new History(settings.memory(), n);
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
            if (iteration >= settings.maxIterations()) {
                stop = "iteration limit";
                break;
            }
            history.direction(pg, d);
            alignWithSteepest(d, pg, l1);
            if (!(dot(d, pg) < 0)) {
                history.clear();
                history.direction(pg, d);
            }
            if (history.isEmpty() && firstScaling != null) {
                for (int j = 0; j < n; j++) {
                    d[j] *= firstScaling[j];
                }
            }
            double alpha = history.isEmpty() ? Math.min(1, 1 / norm(d)) : 1;
            double newObjective = Double.NaN;
            boolean accepted = false;
            for (int k = 0; k < MAX_BACKTRACKS && !accepted; k++, alpha *= 0.5) {
                project(x, d, alpha, pg, l1, xNew);
                newObjective = f.evaluate(xNew, gNew) + penalty(xNew, l1);
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
            pseudoGradient(x, g, l1, pg);
            criterion = norm(pg) / scale;
            iteration++;
            listener.iteration(iteration, objective, criterion);
            if (TRACE) {
                System.err.printf(java.util.Locale.ROOT, "it %d evals %d F %.10g crit %.3e nnz %d t %.1f%n", iteration,
                        evaluations, objective, criterion, nonZero(x, l1), (System.nanoTime() - began) / 1e9);
            }
        }
        Convergence convergence = new Convergence("owlqn", "converged".equals(stop), iteration, evaluations, objective,
                Convergence.CRITERION, criterion, settings.tolerance(), stop, (System.nanoTime() - began) / 1e9);
        return new Result(x, g, convergence);
    }

    /** The minimum-norm subgradient of {@code f + Σ λ_j|x_j|} (see the class comment), into {@code out}. */
    public static void pseudoGradient(double[] x, double[] g, double[] l1, double[] out) {
        for (int j = 0; j < x.length; j++) {
            double l = l1[j];
            if (l == 0) {
                out[j] = g[j];
            } else if (x[j] > 0) {
                out[j] = g[j] + l;
            } else if (x[j] < 0) {
                out[j] = g[j] - l;
            } else if (g[j] + l < 0) {
                out[j] = g[j] + l;
            } else if (g[j] - l > 0) {
                out[j] = g[j] - l;
            } else {
                out[j] = 0;
            }
        }
    }

    /** {@code Σ λ_j|x_j|}. */
    public static double penalty(double[] x, double[] l1) {
        double s = 0;
        for (int j = 0; j < x.length; j++) {
            s += l1[j] * Math.abs(x[j]);
        }
        return s;
    }

    /** The Euclidean norm. */
    public static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
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

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
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
            if (!(sy > 1e-12 * norm(sv) * norm(yv))) {
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
                alpha[k] = rho[k] * dot(s[k], d);
                double a = alpha[k];
                double[] yk = y[k];
                for (int j = 0; j < n; j++) {
                    d[j] -= a * yk[j];
                }
            }
            if (size > 0) {
                double gamma = 1 / (rho[newest] * dot(y[newest], y[newest]));
                for (int j = 0; j < n; j++) {
                    d[j] *= gamma;
                }
            }
            for (int i = size - 1; i >= 0; i--) {
                int k = Math.floorMod(newest - i, m);
                double b = rho[k] * dot(y[k], d);
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
