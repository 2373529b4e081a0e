package dev.probe.probe.solver;

/** A differentiable function of a parameter vector, the smooth part of an objective an {@link L1Minimizer} minimises. */
public interface SmoothFunction {
    /** Number of parameters. */
    int dimension();

    /**
     * Evaluates the function and its gradient.
     *
     * @param x the parameters (not modified)
     * @param gradient receives ∇f(x); same length as {@code x}
     * @return f(x)
     */
    double evaluate(double[] x, double[] gradient);

    /**
     * A model of ∇²f at {@code x} (usually the point last evaluated), which quasi-Newton solvers grow their estimate
     * from in place of a multiple of the identity: dense blocks where the function can afford them (they should cover
     * the coordinates of {@code working}, which the solver is about to move), a diagonal elsewhere; null when the
     * function offers none. A model without blocks is taken as a diagonal shape only and rescaled by the solver.
     *
     * @param working the coordinates the solver will move, in increasing order
     */
    default Curvature curvature(double[] x, int[] working) {
        return null;
    }
}
