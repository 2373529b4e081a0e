package dev.probe.probe.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests of the L1 solvers on small problems whose optimum is known in closed form or checked by the
 * optimality (KKT) conditions: at the minimum of {@code f(x) + Σ λ_j|x_j|}, {@code ∂_j f = −λ_j·sign(x_j)} where
 * {@code x_j ≠ 0} and {@code |∂_j f| ≤ λ_j} where {@code x_j = 0}.
 */
class SolverTest {
    private static final L1Minimizer.Settings TIGHT = new L1Minimizer.Settings(1e-10, 5000, 100_000);

    interface Solver {
        L1Minimizer.Result minimize(SmoothFunction f, double[] l1, double[] start, double reference);
    }

    /** The production solver and, as an independent check, OWL-QN. */
    static Stream<Solver> solvers() {
        return Stream.of(
                (f, l1, start, ref) -> new ProximalQuasiNewton(10).minimize(f, l1, start, ref, TIGHT, (i, v, c) -> { }),
                (f, l1, start, ref) -> new OwlQn(10).minimize(f, l1, start, ref, TIGHT, (i, v, c) -> { }));
    }

    /**
     * f(x) = ½·Σ a_j (x_j − c_j)²: the minimiser is soft-thresholding, x_j = sign(c_j)·max(|c_j| − λ_j/a_j, 0), with
     * exact zeros where |c_j| ≤ λ_j/a_j.
     */
    @ParameterizedTest
    @MethodSource("solvers")
    void separableQuadraticIsSolvedBySoftThresholding(Solver solver) {
        double[] a = {1, 2, 0.5, 4, 1, 3};
        double[] c = {3, -0.2, 1, -2, 0.05, 0};
        double[] l1 = {1, 1, 1, 1, 1, 0};
        SmoothFunction f = quadratic(x -> {
            double[] g = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                g[j] = a[j] * (x[j] - c[j]);
            }
            return g;
        }, x -> {
            double v = 0;
            for (int j = 0; j < x.length; j++) {
                v += 0.5 * a[j] * (x[j] - c[j]) * (x[j] - c[j]);
            }
            return v;
        }, a.length);
        L1Minimizer.Result r = solver.minimize(f, l1, new double[a.length], reference(f, l1));
        // soft-thresholding by λ/a: 3 − 1 = 2; |−0.2| ≤ 0.5 → 0; |1| ≤ 2 → 0; −2 + 0.25 = −1.75; 0.05 ≤ 1 → 0; 0
        assertThat(r.x()).containsExactly(new double[] {2, 0, 0, -1.75, 0, 0}, within(1e-9));
        assertThat(r.x()[1]).isZero();
        assertThat(r.x()[2]).isZero();
        assertThat(r.x()[4]).isZero();
        assertThat(r.convergence().converged()).isTrue();
    }

    /** Lasso on a literal 6 × 4 design: the solution satisfies the KKT conditions and has exact zeros. */
    @ParameterizedTest
    @MethodSource("solvers")
    void lassoReachesTheKktPoint(Solver solver) {
        double[][] design = DESIGN;
        double[] target = TARGET;
        double lambda = 1.2;
        double[] l1 = {lambda, lambda, lambda, lambda};
        SmoothFunction f = leastSquares(design, target);
        L1Minimizer.Result r = solver.minimize(f, l1, new double[4], reference(f, l1));
        assertKkt(f, r.x(), l1, 1e-7);
        // coordinate descent run to machine precision, written independently here, finds the same point
        assertThat(r.x()).containsExactly(coordinateDescentLasso(design, target, lambda), within(1e-7));
        // and the values NumPy's coordinate descent gives: [0.58590209, 0, 0, 0.06459655], with exact zeros
        assertThat(r.x()).containsExactly(LASSO_SOLUTION, within(1e-7));
        assertThat(r.x()[1]).isZero();
        assertThat(r.x()[2]).isZero();
    }

    /**
     * L1-penalised logistic regression with an unpenalised intercept on literal data: the solution satisfies the KKT
     * conditions; a large λ gives exactly zero weights and the intercept at the log-odds of the base rate.
     */
    @ParameterizedTest
    @MethodSource("solvers")
    void logisticRegressionSatisfiesKkt(Solver solver) {
        double[][] x = {{0.5, 1}, {1.5, -0.5}, {-1, 0.2}, {2, 1.5}, {-0.5, -1}, {0.3, 0.8}, {-1.5, 0.4}, {1, -1}};
        int[] y = {1, 1, 0, 1, 0, 1, 0, 0};
        SmoothFunction f = logistic(x, y);
        double[] small = {0.02, 0.02, 0};
        L1Minimizer.Result r = solver.minimize(f, small, new double[3], reference(f, small));
        assertKkt(f, r.x(), small, 1e-7);
        double[] large = {10, 10, 0};
        L1Minimizer.Result zero = solver.minimize(f, large, new double[3], reference(f, large));
        assertThat(zero.x()[0]).isZero();
        assertThat(zero.x()[1]).isZero();
        assertThat(zero.x()[2]).isCloseTo(Math.log(4.0 / 4.0), within(1e-7)); // 4 positives of 8
    }

    /** A warm start reaches the same criterion, measured against the same reference, as a cold start. */
    @ParameterizedTest
    @MethodSource("solvers")
    void warmStartStopsOnTheSameCriterion(Solver solver) {
        double[][] x = {{0.5, 1}, {1.5, -0.5}, {-1, 0.2}, {2, 1.5}, {-0.5, -1}, {0.3, 0.8}};
        int[] y = {1, 1, 0, 1, 0, 0};
        SmoothFunction f = logistic(x, y);
        double[] l1 = {0.05, 0.05, 0};
        double ref = reference(f, l1);
        L1Minimizer.Result cold = solver.minimize(f, l1, new double[3], ref);
        L1Minimizer.Result warm = solver.minimize(f, l1, new double[] {5, -5, 3}, ref);
        assertThat(warm.convergence().value()).isLessThanOrEqualTo(TIGHT.tolerance());
        assertThat(warm.x()).containsExactly(cold.x(), within(1e-7));
    }

    /** The literal lasso problem of {@link #lassoReachesTheKktPoint}, and its solution at λ = 1.2. */
    private static final double[][] DESIGN = {
        {1, 0.5, -0.3, 0.2},
        {0.2, 1, 0.4, -0.1},
        {-0.5, 0.3, 1, 0.6},
        {0.7, -0.2, 0.1, 1},
        {0.1, 0.9, -0.6, 0.3},
        {-0.4, 0.2, 0.8, -0.7},
    };
    private static final double[] TARGET = {2, -1, 0.5, 1.5, -0.8, 0.3};
    private static final double[] LASSO_SOLUTION = {0.58590209, 0, 0, 0.06459655};

    /**
     * With the exact Hessian as its model (one dense block), the first proximal step solves a lasso exactly: the
     * solver needs one iteration, a second to confirm, and reaches the coordinate-descent solution.
     */
    @org.junit.jupiter.api.Test
    void anExactCurvatureModelSolvesALassoInOneStep() {
        SmoothFunction exact = withCurvature(leastSquares(DESIGN, TARGET), new double[] {1, 1, 1, 1}, gram(1));
        double[] l1 = {1.2, 1.2, 1.2, 1.2};
        L1Minimizer.Result r = new ProximalQuasiNewton(10).minimize(exact, l1, new double[4], reference(exact, l1),
                new L1Minimizer.Settings(1e-9, 100, 1000), (i, v, c) -> { });
        assertThat(r.convergence().converged()).isTrue();
        assertThat(r.convergence().iterations()).isLessThanOrEqualTo(2);
        assertThat(r.x()).containsExactly(LASSO_SOLUTION, within(1e-7));
    }

    /**
     * Curvature blocks that promise far more decrease than the function gives (the exact lasso Hessian scaled down,
     * as a saturated softmax class looks locally flat): damping the blocks, or at worst giving them up for the scaled
     * diagonal, still reaches the coordinate-descent solution. Without damping the blocks' steps are up to 10¹² times
     * too long and three halvings do not rescue them. The diagonal model stays honest, as the probe objective's
     * floored one does.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(doubles = {1e-2, 1e-6, 1e-12})
    void anOverOptimisticCurvatureModelIsDamped(double underestimate) {
        double[] exact = gram(1);
        double[] diagonal = {exact[0], exact[5], exact[10], exact[15]};
        SmoothFunction optimistic = withCurvature(leastSquares(DESIGN, TARGET), diagonal, gram(underestimate));
        double[] l1 = {1.2, 1.2, 1.2, 1.2};
        L1Minimizer.Result r = new ProximalQuasiNewton(10).minimize(optimistic, l1, new double[4],
                reference(optimistic, l1), new L1Minimizer.Settings(1e-9, 500, 5000), (i, v, c) -> { });
        assertThat(r.convergence().converged()).as(r.convergence().toString()).isTrue();
        assertThat(r.x()).containsExactly(LASSO_SOLUTION, within(1e-7));
    }

    /** {@code scale·AᵀA} of {@link #DESIGN}, row-major. */
    private static double[] gram(double scale) {
        double[] h = new double[16];
        for (double[] row : DESIGN) {
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    h[a * 4 + b] += row[a] * row[b] * scale;
                }
            }
        }
        return h;
    }

    /** {@code f} offering the diagonal and one dense block over all four coordinates as its curvature model. */
    private static SmoothFunction withCurvature(SmoothFunction f, double[] diagonal, double[] block) {
        return new SmoothFunction() {
            @Override
            public int dimension() {
                return f.dimension();
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                return f.evaluate(x, g);
            }

            @Override
            public Curvature curvature(double[] x, int[] working) {
                return new Curvature(diagonal, java.util.List.of(new Curvature.Block(new int[] {0, 1, 2, 3}, block)));
            }
        };
    }

    /** ‖◇F(0)‖₂: the scale of the criterion. */
    static double reference(SmoothFunction f, double[] l1) {
        double[] g = new double[f.dimension()];
        f.evaluate(new double[f.dimension()], g);
        double[] pg = new double[g.length];
        Subgradients.pseudoGradient(new double[g.length], g, l1, pg);
        return Subgradients.norm(pg);
    }

    static void assertKkt(SmoothFunction f, double[] x, double[] l1, double tolerance) {
        double[] g = new double[x.length];
        f.evaluate(x, g);
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0) {
                assertThat(g[j] + l1[j] * Math.signum(x[j])).as("stationarity of coordinate %d", j)
                        .isCloseTo(0, within(tolerance));
            } else {
                assertThat(Math.abs(g[j])).as("zero coordinate %d inside [−λ, λ]", j)
                        .isLessThanOrEqualTo(l1[j] + tolerance);
            }
        }
    }

    private static SmoothFunction quadratic(Function<double[], double[]> gradient, Function<double[], Double> value,
            int n) {
        return new SmoothFunction() {
            @Override
            public int dimension() {
                return n;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                System.arraycopy(gradient.apply(x), 0, g, 0, n);
                return value.apply(x);
            }
        };
    }

    /** ½‖Ax − b‖². */
    static SmoothFunction leastSquares(double[][] a, double[] b) {
        return quadratic(x -> {
            double[] r = residual(a, b, x);
            double[] g = new double[x.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    g[j] += a[i][j] * r[i];
                }
            }
            return g;
        }, x -> {
            double v = 0;
            for (double r : residual(a, b, x)) {
                v += 0.5 * r * r;
            }
            return v;
        }, a[0].length);
    }

    private static double[] residual(double[][] a, double[] b, double[] x) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < x.length; j++) {
                r[i] += a[i][j] * x[j];
            }
            r[i] -= b[i];
        }
        return r;
    }

    /** Mean logistic loss of sigmoid(w·x + c); parameters [w..., c]. */
    static SmoothFunction logistic(double[][] x, int[] y) {
        int p = x[0].length;
        return new SmoothFunction() {
            @Override
            public int dimension() {
                return p + 1;
            }

            @Override
            public double evaluate(double[] w, double[] g) {
                java.util.Arrays.fill(g, 0);
                double loss = 0;
                for (int i = 0; i < x.length; i++) {
                    double z = w[p];
                    for (int j = 0; j < p; j++) {
                        z += w[j] * x[i][j];
                    }
                    double prob = 1 / (1 + Math.exp(-z));
                    loss += y[i] == 1 ? Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
                    double r = (prob - y[i]) / x.length;
                    for (int j = 0; j < p; j++) {
                        g[j] += r * x[i][j];
                    }
                    g[p] += r;
                }
                return loss / x.length;
            }
        };
    }

    /** Cyclic coordinate descent for ½‖Ax − b‖² + λ‖x‖₁ until nothing moves (a reference solution). */
    static double[] coordinateDescentLasso(double[][] a, double[] b, double lambda) {
        int p = a[0].length;
        double[] x = new double[p];
        for (int sweep = 0; sweep < 100_000; sweep++) {
            double moved = 0;
            for (int j = 0; j < p; j++) {
                double[] r = residual(a, b, x);
                double rho = 0;
                double norm = 0;
                for (int i = 0; i < a.length; i++) {
                    rho += a[i][j] * (a[i][j] * x[j] - r[i]);
                    norm += a[i][j] * a[i][j];
                }
                double next = Math.signum(rho) * Math.max(Math.abs(rho) - lambda, 0) / norm;
                moved = Math.max(moved, Math.abs(next - x[j]));
                x[j] = next;
            }
            if (moved < 1e-15) {
                break;
            }
        }
        return x;
    }
}
