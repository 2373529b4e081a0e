package dev.probe.probe;

import java.util.Arrays;

/**
 * Scores of a regression probe on one split.
 *
 * @param size rows scored
 * @param pearson Pearson correlation of predictions and targets
 * @param spearman Spearman rank correlation (average ranks for ties)
 * @param r2 coefficient of determination, 1 − SS_res / SS_tot
 * @param mse mean squared error
 */
public record RegressionMetrics(int size, double pearson, double spearman, double r2, double mse) implements Metrics {

    /** Computes the scores. */
    public static RegressionMetrics of(float[] truth, float[] predicted) {
        int n = truth.length;
        double[] t = new double[n];
        double[] p = new double[n];
        double meanT = 0;
        double ssRes = 0;
        for (int i = 0; i < n; i++) {
            t[i] = truth[i];
            p[i] = predicted[i];
            meanT += t[i] / n;
            ssRes += (t[i] - p[i]) * (t[i] - p[i]);
        }
        double ssTot = 0;
        for (double v : t) {
            ssTot += (v - meanT) * (v - meanT);
        }
        return new RegressionMetrics(n, pearson(t, p), pearson(ranks(t), ranks(p)), ssTot == 0 ? 0 : 1 - ssRes / ssTot,
                n == 0 ? 0 : ssRes / n);
    }

    static double pearson(double[] a, double[] b) {
        int n = a.length;
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }
}
