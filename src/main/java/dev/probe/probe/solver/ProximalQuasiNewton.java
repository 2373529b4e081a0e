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
 * <p>It stops on the criterion of {@link L1Minimizer}: {@code ‖◇F(x)‖₂ ≤ tolerance · reference}. When the function
 * offers a {@link SmoothFunction#curvature() curvature estimate}, the L-BFGS matrix grows from that diagonal (scaled by
 * the secant condition) instead of a multiple of the identity. All arithmetic is in double precision in a fixed order,
 * so the same inputs give the same bits.
 */
public final class ProximalQuasiNewton implements L1Minimizer {
    private static final double SUFFICIENT = 1e-4;
    private static final int MAX_BACKTRACKS = 40;
    private static final int MAX_SWEEPS = 10;
    private static final boolean TRACE = Boolean.getBoolean("probe.trace");

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
            double[] diagonal = f.curvature();
            if (diagonal == null) {
                diagonal = identityScaling(model, pg, n);
            } else if (!model.isEmpty()) {
                diagonal = model.scaled(diagonal);
            }
            model.direction(x, g, l1, working, diagonal, d);
            double predicted = 0;
            double penaltyNow = Subgradients.penalty(x, l1);
            for (int j = 0; j < n; j++) {
                predicted += g[j] * d[j];
                xNew[j] = x[j] + d[j];
            }
            predicted += Subgradients.penalty(xNew, l1) - penaltyNow;
            double newObjective = Double.NaN;
            boolean accepted = false;
            double alpha = 1;
            if (predicted < 0) {
                for (int k = 0; k < MAX_BACKTRACKS && !accepted && evaluations < settings.maxEvaluations();
                        k++, alpha *= 0.5) {
                    for (int j = 0; j < n; j++) {
                        xNew[j] = x[j] + alpha * d[j];
                    }
                    newObjective = f.evaluate(xNew, gNew) + Subgradients.penalty(xNew, l1);
                    evaluations++;
                    accepted = newObjective <= objective + SUFFICIENT * alpha * predicted;
                }
            }
            if (!accepted) {
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
            if (TRACE) {
                int nnz = 0;
                for (int j = 0; j < n; j++) {
                    nnz += l1[j] != 0 && x[j] != 0 ? 1 : 0;
                }
                double pz = 0;
                double pn = 0;
                double pb = 0;
                int enter = 0;
                for (int j = 0; j < n; j++) {
                    if (l1[j] == 0) {
                        pb += pg[j] * pg[j];
                    } else if (x[j] == 0) {
                        pz += pg[j] * pg[j];
                        enter += pg[j] != 0 ? 1 : 0;
                    } else {
                        pn += pg[j] * pg[j];
                    }
                }
                System.err.printf(java.util.Locale.ROOT, "pqn %d evals %d F %.10g crit %.3e nnz %d ws %d t %.1f"
                        + " | zero %.2e (%d) nonzero %.2e bias %.2e%n", iteration, evaluations, objective, criterion,
                        nnz, working.length, (System.nanoTime() - began) / 1e9, Math.sqrt(pz) / scale, enter,
                        Math.sqrt(pn) / scale, Math.sqrt(pb) / scale);
            }
        }
        Convergence convergence = new Convergence("proximal-lbfgs", "converged".equals(stop), iteration, evaluations,
                objective, CRITERION, criterion, settings.tolerance(), stop,
                (System.nanoTime() - began) / 1e9);
        return new Result(x, g, convergence);
    }

    /**
     * The initial Hessian when the function gives no curvature: {@code σ·I} with the usual L-BFGS scaling
     * {@code σ = yᵀy / sᵀy} of the newest pair, or, before any pair, {@code ‖◇F‖·I} (a first step of length about 1).
     */
    private static double[] identityScaling(CompactLbfgs model, double[] pg, int n) {
        double[] out = new double[n];
        Arrays.fill(out, model.isEmpty() ? Subgradients.norm(pg) : model.sigma());
        return out;
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

    /** The compact L-BFGS matrix {@code B = γI − U·M⁻¹·Uᵀ} with {@code U = [γS, Y]}, and the subproblem solver. */
    private static final class CompactLbfgs {
        private final double[][] s;
        private final double[][] y;
        private final int n;
        private int size;
        private int newest = -1;

        CompactLbfgs(int memory, int n) {
            this.s = new double[memory][n];
            this.y = new double[memory][n];
            this.n = n;
        }

        boolean isEmpty() {
            return size == 0;
        }

        void clear() {
            size = 0;
            newest = -1;
        }

        void add(double[] x, double[] xNew, double[] g, double[] gNew) {
            int slot = (newest + 1) % s.length;
            double sy = 0;
            double ss = 0;
            double yy = 0;
            for (int j = 0; j < n; j++) {
                s[slot][j] = xNew[j] - x[j];
                y[slot][j] = gNew[j] - g[j];
                sy += s[slot][j] * y[slot][j];
                ss += s[slot][j] * s[slot][j];
                yy += y[slot][j] * y[slot][j];
            }
            if (!(sy > 1e-12 * Math.sqrt(ss * yy))) {
                return;
            }
            newest = slot;
            size = Math.min(size + 1, s.length);
        }

        /** The pairs oldest first. */
        private int[] order() {
            int[] idx = new int[size];
            for (int i = 0; i < size; i++) {
                idx[i] = Math.floorMod(newest - size + 1 + i, s.length);
            }
            return idx;
        }

        /**
         * {@code σ·D}, with {@code σ = yᵀD⁻¹y / sᵀy} of the newest pair: the diagonal's shape, at the scale the
         * secant condition measures (D alone ignores the correlation between coordinates and is far too small).
         */
        double[] scaled(double[] diagonal) {
            double[] sv = s[newest];
            double[] yv = y[newest];
            double yDy = 0;
            for (int j = 0; j < n; j++) {
                yDy += yv[j] * yv[j] / diagonal[j];
            }
            double sigma = yDy / Subgradients.dot(sv, yv);
            double[] out = new double[n];
            for (int j = 0; j < n; j++) {
                out[j] = sigma * diagonal[j];
            }
            return out;
        }

        /** {@code yᵀy / sᵀy} of the newest pair. */
        double sigma() {
            return Subgradients.dot(y[newest], y[newest]) / Subgradients.dot(s[newest], y[newest]);
        }

        /**
         * Solves {@code min_d gᵀd + ½dᵀBd + Σ λ_j|x_j + d_j|} approximately by coordinate descent over the working
         * set ({@code d} is 0 elsewhere), B the L-BFGS matrix grown from the diagonal {@code B0 = diag(b0)}:
         * {@code B = B0 − [B0·S, Y]·M⁻¹·[SᵀB0; Yᵀ]} with {@code M = [[SᵀB0S, L], [Lᵀ, −D]]}.
         */
        void direction(double[] x, double[] g, double[] l1, int[] working, double[] b0, double[] d) {
            Arrays.fill(d, 0);
            if (size == 0) {
                for (int j : working) {
                    d[j] = shrink(x[j] - g[j] / b0[j], l1[j] / b0[j]) - x[j];
                }
                return;
            }
            int[] idx = order();
            int k = size;
            double[][] middle = new double[2 * k][2 * k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b <= a; b++) {
                    double sbs = 0;
                    double[] sa = s[idx[a]];
                    double[] sb = s[idx[b]];
                    for (int j = 0; j < n; j++) {
                        sbs += sa[j] * b0[j] * sb[j];
                    }
                    middle[a][b] = sbs;
                    middle[b][a] = sbs;
                }
                for (int b = 0; b < k; b++) {
                    double sy = Subgradients.dot(s[idx[a]], y[idx[b]]);
                    if (a > b) {
                        middle[a][k + b] = sy;
                        middle[k + b][a] = sy;
                    } else if (a == b) {
                        middle[k + a][k + a] = -sy;
                    }
                }
            }
            double[][] inverse = invert(middle);
            int width = 2 * k;
            double[] u = new double[width];
            double[][] ut = new double[working.length][];
            double[] diag = new double[working.length];
            for (int w = 0; w < working.length; w++) {
                int j = working[w];
                for (int a = 0; a < k; a++) {
                    u[a] = b0[j] * s[idx[a]][j];
                    u[k + a] = y[idx[a]][j];
                }
                double[] mu = new double[width];
                double quad = 0;
                for (int a = 0; a < width; a++) {
                    double v = 0;
                    for (int b = 0; b < width; b++) {
                        v += inverse[a][b] * u[b];
                    }
                    mu[a] = v;
                    quad += u[a] * v;
                }
                ut[w] = mu;
                double bjj = b0[j] - quad;
                diag[w] = bjj > 1e-12 * b0[j] ? bjj : b0[j];
            }
            double[] uTd = new double[width];
            for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
                double changed = 0;
                double total = 0;
                for (int w = 0; w < working.length; w++) {
                    int j = working[w];
                    double[] mu = ut[w];
                    double bd = b0[j] * d[j];
                    for (int a = 0; a < width; a++) {
                        bd -= mu[a] * uTd[a];
                    }
                    double a0 = diag[w];
                    double current = x[j] + d[j];
                    double next = shrink(current - (g[j] + bd) / a0, l1[j] / a0);
                    double delta = next - current;
                    if (delta != 0) {
                        d[j] += delta;
                        for (int a = 0; a < k; a++) {
                            uTd[a] += delta * b0[j] * s[idx[a]][j];
                            uTd[k + a] += delta * y[idx[a]][j];
                        }
                    }
                    changed += Math.abs(delta);
                    total += Math.abs(d[j]);
                }
                if (changed <= 1e-4 * total) {
                    break;
                }
            }
        }

        private static double shrink(double v, double t) {
            return v > t ? v - t : v < -t ? v + t : 0;
        }

        /** Gauss–Jordan inversion with partial pivoting of a small matrix. */
        private static double[][] invert(double[][] m) {
            int n = m.length;
            double[][] a = new double[n][2 * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(m[i], 0, a[i], 0, n);
                a[i][n + i] = 1;
            }
            for (int c = 0; c < n; c++) {
                int p = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                        p = r;
                    }
                }
                double[] t = a[c];
                a[c] = a[p];
                a[p] = t;
                double pivot = a[c][c];
                for (int k = 0; k < 2 * n; k++) {
                    a[c][k] /= pivot;
                }
                for (int r = 0; r < n; r++) {
                    if (r != c && a[r][c] != 0) {
                        double factor = a[r][c];
                        for (int k = 0; k < 2 * n; k++) {
                            a[r][k] -= factor * a[c][k];
                        }
                    }
                }
            }
            double[][] inv = new double[n][n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(a[i], n, inv[i], 0, n);
            }
            return inv;
        }
    }
}
