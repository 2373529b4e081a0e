package dev.probe.probe.solver;

/**
 * A solver for {@code min_x F(x) = f(x) + Σ_j λ_j·|x_j|} (f convex and differentiable, λ_j ≥ 0) that stops on a stated
 * optimality criterion: the pseudo-gradient norm {@code ‖◇F(x)‖₂} (see {@link Subgradients#pseudoGradient}) relative
 * to its value {@code ‖◇F(0)‖₂} at the origin, which the caller passes as {@code reference} so that the criterion
 * does not depend on the starting point.
 */
public interface L1Minimizer {
    /** The criterion's name as written into JSON and reports. */
    String CRITERION = "relative pseudo-gradient norm";

    /**
     * Solver settings.
     *
     * @param tolerance threshold of the relative pseudo-gradient norm, in (0, 1)
     * @param maxIterations iteration limit (≥ 0)
     * @param maxEvaluations limit on evaluations of f (≥ 1)
     */
    record Settings(double tolerance, int maxIterations, int maxEvaluations) {
        public Settings {
            if (!(tolerance > 0 && tolerance < 1) || maxIterations < 0 || maxEvaluations < 1) {
                throw new IllegalArgumentException("tolerance must be in (0, 1), maxIterations ≥ 0 and"
                        + " maxEvaluations ≥ 1; found " + tolerance + ", " + maxIterations + ", " + maxEvaluations);
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
    record Result(double[] x, double[] gradient, Convergence convergence) {
    }

    /** Told once at the start (iteration 0) and after each accepted step. */
    @FunctionalInterface
    interface Listener {
        void iteration(int iteration, double objective, double criterion);
    }

    /**
     * Minimises {@code f(x) + Σ λ_j|x_j|} from {@code start}.
     *
     * @param l1 the weights λ_j (≥ 0), one per parameter
     * @param start the starting point (not modified)
     * @param reference {@code ‖◇F(0)‖₂}, the scale of the criterion (a value ≤ 0 makes the criterion absolute)
     */
    Result minimize(SmoothFunction f, double[] l1, double[] start, double reference, Settings settings,
            Listener listener);
}
