package dev.probe.probe.solver;

/** A differentiable function of a parameter vector, the smooth part of an objective that {@link OwlQn} minimises. */
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
}
