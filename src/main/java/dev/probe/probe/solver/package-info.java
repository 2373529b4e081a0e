/**
 * Convex optimisation for probes: {@link dev.probe.probe.solver.ProximalQuasiNewton}, a proximal limited-memory
 * quasi-Newton method that minimises a smooth function plus a weighted L1 penalty to a stated optimality criterion
 * ({@link dev.probe.probe.solver.L1Minimizer}), and the {@link dev.probe.probe.solver.Convergence} record every trained
 * probe carries. Pure Java on {@code double[]} parameters: the expensive part, the smooth function, is supplied by the
 * caller.
 */
package dev.probe.probe.solver;
