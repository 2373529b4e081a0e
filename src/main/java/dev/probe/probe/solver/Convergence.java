package dev.probe.probe.solver;

/**
 * How a probe's optimisation ended: every probe the tool trains (oracle, control, retrained subsets, grid points)
 * records one in its JSON.
 *
 * @param solver {@code "proximal-lbfgs"} ({@link ProximalQuasiNewton}) or {@code "adam"} (NeuroX's fixed minibatch
 *     schedule)
 * @param converged whether the criterion reached its threshold
 * @param iterations solver iterations (quasi-Newton steps, or Adam epochs)
 * @param evaluations full passes over the training rows that evaluated the objective and its gradient
 * @param objective the final objective, penalties included
 * @param criterion what {@code value} measures (see {@link L1Minimizer})
 * @param value the criterion at the returned parameters
 * @param threshold the threshold the criterion had to reach
 * @param stop why the solver stopped: {@code "converged"}, {@code "iteration limit"}, {@code "evaluation limit"},
 *     {@code "no progress"} (the
 *     line search found no decrease within floating-point precision) or {@code "fixed schedule"}
 * @param seconds wall time of the optimisation
 */
public record Convergence(String solver, boolean converged, int iterations, int evaluations, double objective,
        String criterion, double value, double threshold, String stop, double seconds) {

    /** One line for a warning or a report: what did not converge and how far it got. */
    public String warning(String what) {
        return String.format(java.util.Locale.ROOT,
                "warning: %s did not converge (%s after %d %s: %s %.3g > %.3g)", what, stop, iterations,
                ("adam".equals(solver) ? "epoch" : "iteration") + (iterations == 1 ? "" : "s"), L1Minimizer.CRITERION, value, threshold);
    }
}
