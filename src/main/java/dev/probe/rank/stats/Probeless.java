package dev.probe.rank.stats;

/**
 * Probeless ranking (Antverg &amp; Belinkov, ICLR 2022; NeuroX {@code interpretation/probeless.py}). With
 * {@code q_c} the mean activation vector of class {@code c} over the training tokens, the overall score of neuron
 * {@code j} is {@code Σ_{c<c'} |q_cj − q_c'j|} (NeuroX {@code get_neuron_ordering}) and the score of neuron {@code j}
 * for class {@code c} is {@code Σ_{c'≠c} |q_cj − q_c'j|} ({@code get_neuron_ordering_for_tag}). Classes without
 * training tokens take no part.
 */
public final class Probeless {
    private Probeless() {
    }

    /** The overall and per-class scores. */
    public static NeuronScores of(ClassStatistics s) {
        int d = s.neurons();
        int k = s.classes();
        double[][] means = new double[k][];
        for (int c = 0; c < k; c++) {
            if (s.count(c) > 0) {
                means[c] = new double[d];
                for (int j = 0; j < d; j++) {
                    means[c][j] = s.mean(c, j);
                }
            }
        }
        double[] overall = new double[d];
        double[][] perClass = new double[k][d];
        for (int c = 0; c < k; c++) {
            if (means[c] == null) {
                java.util.Arrays.fill(perClass[c], Double.NaN);
                continue;
            }
            for (int c2 = 0; c2 < k; c2++) {
                if (c2 == c || means[c2] == null) {
                    continue;
                }
                for (int j = 0; j < d; j++) {
                    double diff = Math.abs(means[c][j] - means[c2][j]);
                    perClass[c][j] += diff;
                    if (c < c2) {
                        overall[j] += diff;
                    }
                }
            }
        }
        return new NeuronScores(overall, perClass);
    }
}
