package dev.probe.rank.stats;

/**
 * One-way ANOVA per neuron: the F statistic {@code F_j = (SSB_j / (K − 1)) / (SSW_j / (N − K))} with
 * {@code SSB_j = Σ_c n_c (μ_cj − μ_j)²} (between classes), {@code SSW_j = Σ_c (Σx²_cj − (Σx_cj)² / n_c)} (within),
 * {@code K} the classes with tokens and {@code N} the tokens. It orders neurons as Smile's
 * {@code smile.feature.selection.SumSquaresRatio} ({@code SSB / SSW}) does — the two differ by the constant factor
 * {@code (N − K) / (K − 1)}, checked in {@code AnovaTest} against Smile on the same data — but from the mergeable
 * statistics instead of the data matrix. A neuron constant within every class scores {@code +∞} capped to
 * {@link Double#MAX_VALUE} when its class means differ, 0 when they do not.
 */
public final class Anova {
    private Anova() {
    }

    /** The F statistic of every neuron (no per-class scores). */
    public static NeuronScores of(ClassStatistics s) {
        int d = s.neurons();
        int k = 0;
        long n = 0;
        for (int c = 0; c < s.classes(); c++) {
            if (s.count(c) > 0) {
                k++;
                n += s.count(c);
            }
        }
        double[] f = new double[d];
        if (k < 2 || n <= k) {
            return new NeuronScores(f, null);
        }
        for (int j = 0; j < d; j++) {
            double total = 0;
            for (int c = 0; c < s.classes(); c++) {
                total += s.sum(c, j);
            }
            double mean = total / n;
            double between = 0;
            double within = 0;
            for (int c = 0; c < s.classes(); c++) {
                long nc = s.count(c);
                if (nc == 0) {
                    continue;
                }
                double mc = s.sum(c, j) / nc;
                between += nc * (mc - mean) * (mc - mean);
                within += Math.max(0, s.sumSq(c, j) - s.sum(c, j) * mc);
            }
            double value = (between / (k - 1)) / (within / (n - k));
            f[j] = Double.isNaN(value) ? 0 : Math.min(value, Double.MAX_VALUE);
        }
        return new NeuronScores(f, null);
    }
}
