package dev.probe.rank.stats;

/**
 * Selectivity (Fan et al., NeurIPS 2023, "Evaluating Neuron Interpretation Methods of NLP Models", code
 * {@code neuron-comparative-analysis/extract_neurons.py}): for class {@code c} and neuron {@code j},
 * {@code sel_cj = (μ⁺_cj − μ⁻_cj) / (max_j − min_j)}, where {@code μ⁺} is the neuron's mean over the class's tokens,
 * {@code μ⁻} its mean over all other tokens, and {@code max_j − min_j} its range over all tokens. Fan et al. rank one
 * binary tag by {@code |sel|}; the per-class score here is {@code |sel_cj|}, the overall score its maximum over the
 * classes. (Their script takes {@code μ⁻} from the dev split; here both means come from the same split.) A constant
 * neuron (range 0) scores 0.
 */
public final class Selectivity {
    private Selectivity() {
    }

    /** The overall and per-class scores. */
    public static NeuronScores of(ClassStatistics s) {
        int d = s.neurons();
        int k = s.classes();
        long total = s.total();
        double[][] perClass = new double[k][d];
        for (int j = 0; j < d; j++) {
            double all = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                all += s.sum(c, j);
                lo = Math.min(lo, s.min(c, j));
                hi = Math.max(hi, s.max(c, j));
            }
            double range = hi - lo;
            for (int c = 0; c < k; c++) {
                long in = s.count(c);
                long out = total - in;
                if (in == 0 || out == 0) {
                    perClass[c][j] = in == 0 ? Double.NaN : 0;
                    continue;
                }
                double plus = s.sum(c, j) / in;
                double minus = (all - s.sum(c, j)) / out;
                perClass[c][j] = range > 0 ? Math.abs(plus - minus) / range : 0;
            }
        }
        return new NeuronScores(NeuronScores.maxOverClasses(perClass, d), perClass);
    }
}
