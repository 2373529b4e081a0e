package dev.probe.probe.solver;

/** Vector helpers of the L1 solvers: the pseudo-gradient, the L1 penalty, norms and dot products. */
public final class Subgradients {
    private Subgradients() {
    }

    /**
     * The pseudo-gradient {@code ◇F(x)}, the minimum-norm subgradient of {@code f + Σ λ_j|x_j|}, into {@code out}: for
     * {@code x_j ≠ 0} it is {@code ∂_j f + λ_j·sign(x_j)}; for {@code x_j = 0} it is {@code ∂_j f + λ_j} when that is
     * negative, {@code ∂_j f − λ_j} when that is positive, and 0 otherwise. It is zero exactly at the minimum.
     */
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

    /** {@code ‖◇F(x)‖₂}. */
    public static double pseudoGradientNorm(double[] x, double[] g, double[] l1) {
        double[] pg = new double[x.length];
        pseudoGradient(x, g, l1, pg);
        return norm(pg);
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

    /** {@code aᵀb}. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
