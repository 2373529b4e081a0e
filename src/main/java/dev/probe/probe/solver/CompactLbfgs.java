package dev.probe.probe.solver;

import java.util.Arrays;

/**
 * The last {@code memory} curvature pairs {@code (s, y)} and the compact L-BFGS matrix grown from a model {@code B0}
 * (Byrd, Nocedal and Schnabel 1994): {@code B = B0 − [B0·S, Y]·M⁻¹·[SᵀB0; Yᵀ]} with
 * {@code M = [[SᵀB0S, L], [Lᵀ, −D]]}, L the strictly lower triangle of SᵀY and D its diagonal; and the proximal
 * subproblem {@code min_d gᵀd + ½dᵀBd + Σ λ_j|x_j + d_j|}, solved by cyclic coordinate descent over a working set.
 */
final class CompactLbfgs {
    /** Coordinate-descent sweeps of the subproblem, at most. */
    private static final int MAX_SWEEPS = 50;
    /** The sweeps stop once a sweep moves the direction by less than this fraction of its size (L1). */
    private static final double SWEEP_TOLERANCE = 1e-6;

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

    /** Keeps the pair when its curvature {@code sᵀy} is positive (always, for convex f, up to round-off). */
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

    /**
     * The diagonal model {@code σ·D} for a function that gives only a diagonal (or none: D = I), with
     * {@code σ = yᵀD⁻¹y / sᵀy} of the newest pair (the secant condition's scale: a diagonal estimate ignores the
     * correlation between coordinates and is far too small), or {@code scale0·D} before any pair.
     */
    Curvature scaledDiagonal(double[] diagonal, double scale0) {
        double[] d = diagonal == null ? filled(1) : diagonal;
        double sigma = scale0;
        if (size > 0) {
            double[] sv = s[newest];
            double[] yv = y[newest];
            double yDy = 0;
            for (int j = 0; j < n; j++) {
                yDy += yv[j] * yv[j] / d[j];
            }
            sigma = yDy / Subgradients.dot(sv, yv);
        }
        double[] out = new double[n];
        for (int j = 0; j < n; j++) {
            out[j] = sigma * d[j];
        }
        return new Curvature(out, java.util.List.of());
    }

    private double[] filled(double v) {
        double[] out = new double[n];
        Arrays.fill(out, v);
        return out;
    }

    /** The pairs, oldest first. */
    private int[] order() {
        int[] idx = new int[size];
        for (int i = 0; i < size; i++) {
            idx[i] = Math.floorMod(newest - size + 1 + i, s.length);
        }
        return idx;
    }

    /**
     * Solves {@code min_d gᵀd + ½dᵀBd + Σ λ_j|x_j + d_j|} approximately by cyclic coordinate descent over the working
     * set, in its order ({@code d} is 0 elsewhere), with B grown from {@code b0}. Each coordinate step is exact for
     * the model: a Newton step on the quadratic followed by soft-thresholding.
     */
    void direction(double[] x, double[] g, double[] l1, int[] working, Curvature b0, double[] d) {
        Arrays.fill(d, 0);
        Curvature.Layout layout = b0.layout();
        int[] idx = order();
        int k = size;
        int width = 2 * k;
        double[][] bs = new double[k][];
        for (int a = 0; a < k; a++) {
            bs[a] = b0.times(s[idx[a]]);
        }
        double[][] inverse = new double[0][0];
        if (k > 0) {
            double[][] middle = new double[width][width];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    middle[a][b] = Subgradients.dot(s[idx[a]], bs[b]);
                    double sy = Subgradients.dot(s[idx[a]], y[idx[b]]);
                    if (a > b) {
                        middle[a][k + b] = sy;
                        middle[k + b][a] = sy;
                    } else if (a == b) {
                        middle[k + a][k + a] = -sy;
                    }
                }
            }
            inverse = invert(middle);
        }
        double[] u = new double[width];
        double[][] rows = new double[working.length][];
        double[][] mu = new double[working.length][];
        double[] diag = new double[working.length];
        for (int w = 0; w < working.length; w++) {
            int j = working[w];
            double[] uj = new double[width];
            for (int a = 0; a < k; a++) {
                uj[a] = bs[a][j];
                uj[k + a] = y[idx[a]][j];
            }
            double[] m = new double[width];
            double quad = 0;
            for (int a = 0; a < width; a++) {
                double v = 0;
                for (int b = 0; b < width; b++) {
                    v += inverse[a][b] * uj[b];
                }
                m[a] = v;
                quad += uj[a] * v;
            }
            rows[w] = uj;
            mu[w] = m;
            double b0jj = b0.entry(layout, j);
            double bjj = b0jj - quad;
            diag[w] = bjj > 1e-10 * b0jj ? bjj : b0jj;
        }
        double[] b0d = new double[n];
        double[] uTd = u;
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double changed = 0;
            double total = 0;
            for (int w = 0; w < working.length; w++) {
                int j = working[w];
                double[] m = mu[w];
                double bd = b0d[j];
                for (int a = 0; a < width; a++) {
                    bd -= m[a] * uTd[a];
                }
                double a0 = diag[w];
                double current = x[j] + d[j];
                double next = shrink(current - (g[j] + bd) / a0, l1[j] / a0);
                double delta = next - current;
                if (delta != 0) {
                    d[j] += delta;
                    b0.addColumn(layout, j, delta, b0d);
                    double[] uj = rows[w];
                    for (int a = 0; a < width; a++) {
                        uTd[a] += delta * uj[a];
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
        int size = m.length;
        double[][] a = new double[size][2 * size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(m[i], 0, a[i], 0, size);
            a[i][size + i] = 1;
        }
        for (int c = 0; c < size; c++) {
            int p = c;
            for (int r = c + 1; r < size; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
                    p = r;
                }
            }
            double[] t = a[c];
            a[c] = a[p];
            a[p] = t;
            double pivot = a[c][c];
            for (int k = 0; k < 2 * size; k++) {
                a[c][k] /= pivot;
            }
            for (int r = 0; r < size; r++) {
                if (r != c && a[r][c] != 0) {
                    double factor = a[r][c];
                    for (int k = 0; k < 2 * size; k++) {
                        a[r][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[][] inv = new double[size][size];
        for (int i = 0; i < size; i++) {
            System.arraycopy(a[i], size, inv[i], 0, size);
        }
        return inv;
    }
}
