package dev.probe.rank.stats;

/**
 * Neurons as detectors of a class, from the per-class histograms ({@link ActivationBins}); each bin's tokens count
 * as one activation value (tied), so both scores are exact for activations binned this way.
 *
 * <p><b>IoU</b> (Mu &amp; Andreas, NeurIPS 2020, "Compositional explanations of neurons"): neuron {@code j} is
 * "on" for a token when its activation lies in the top {@code 1 − q} of all tokens: the bins from {@code t} up, with
 * {@code t} the highest bin whose upper part holds at least {@code (1 − q)·N} tokens. The score for class {@code c}
 * is {@code |on ∧ c| / |on ∨ c|}.
 *
 * <p><b>AP</b> (NeuroX {@code interpretation/iou_probe.py}, which calls scikit-learn's
 * {@code average_precision_score} on a binary tag): the average precision of the activation as a score for the
 * class, {@code Σ_b (R_b − R_{b−1}) · P_b} over the bins from the highest down, as scikit-learn computes it with tied
 * scores grouped. NeuroX first sets {@code |x| < 0.05} to zero in place; nothing is changed here.
 *
 * <p>The overall score of both is the maximum over the classes.
 */
public final class Detection {
    /** Mu &amp; Andreas's quantile: a neuron is on for the top 0.5 % of its activations. */
    public static final double DEFAULT_QUANTILE = 0.995;

    private Detection() {
    }

    /** IoU scores at quantile {@code q} in (0, 1). */
    public static NeuronScores iou(ClassStatistics s, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1); found " + q);
        }
        int d = s.neurons();
        int k = s.classes();
        int bins = ActivationBins.BINS;
        double[][] perClass = new double[k][d];
        long n = s.total();
        double wanted = (1 - q) * n;
        for (int j = 0; j < d; j++) {
            long[] all = totals(s, j);
            long on = 0;
            int t = bins;
            while (t > 0 && on < wanted) {
                t--;
                on += all[t];
            }
            for (int c = 0; c < k; c++) {
                if (s.count(c) == 0) {
                    perClass[c][j] = Double.NaN;
                    continue;
                }
                long both = 0;
                for (int b = t; b < bins; b++) {
                    both += s.binCount(c, j, b);
                }
                long union = on + s.count(c) - both;
                perClass[c][j] = union == 0 ? 0 : (double) both / union;
            }
        }
        return new NeuronScores(NeuronScores.maxOverClasses(perClass, d), perClass);
    }

    /** Average-precision scores. */
    public static NeuronScores averagePrecision(ClassStatistics s) {
        int d = s.neurons();
        int k = s.classes();
        int bins = ActivationBins.BINS;
        double[][] perClass = new double[k][d];
        for (int j = 0; j < d; j++) {
            long[] all = totals(s, j);
            for (int c = 0; c < k; c++) {
                long positives = s.count(c);
                if (positives == 0) {
                    perClass[c][j] = Double.NaN;
                    continue;
                }
                long tp = 0;
                long seen = 0;
                double ap = 0;
                for (int b = bins - 1; b >= 0; b--) {
                    if (all[b] == 0) {
                        continue;
                    }
                    int hits = s.binCount(c, j, b);
                    tp += hits;
                    seen += all[b];
                    ap += ((double) hits / positives) * ((double) tp / seen);
                }
                perClass[c][j] = ap;
            }
        }
        return new NeuronScores(NeuronScores.maxOverClasses(perClass, d), perClass);
    }

    private static long[] totals(ClassStatistics s, int j) {
        long[] all = new long[ActivationBins.BINS];
        for (int c = 0; c < s.classes(); c++) {
            for (int b = 0; b < all.length; b++) {
                all[b] += s.binCount(c, j, b);
            }
        }
        return all;
    }
}
