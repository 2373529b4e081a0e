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
     * An estimate of the diagonal of ∇²f at the point last evaluated (positive entries), which quasi-Newton solvers
     * use as their initial Hessian in place of a multiple of the identity; null when the function offers none.
     */
    default double[] curvature() {
        return null;
    }
}
