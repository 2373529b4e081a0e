package dev.probe.atlas;

import java.util.function.IntToLongFunction;

/**
 * One neuron's scores from {@link CensusStatistics}, with {@code v = x − shift}, {@code N} rows, {@code S = Σv},
 * {@code Q = Σv²} and {@code S_g = Σ_{rows in g} v}:
 *
 * <ul>
 *   <li>total sum of squares {@code SST = Q − S²/N}; between groups {@code SSB = Σ_g S_g²/n_g − S²/N};
 *       {@code η² = SSB / SST} (clamped to [0, 1] against rounding);</li>
 *   <li>{@code ω² = (SSB − (K − 1)·MSW) / (SST + MSW)} with {@code MSW = (SST − SSB) / (N − K)}, K the non-empty
 *       groups (Hays), which removes the growth of η² with the number of groups; null when {@code N ≤ K};</li>
 *   <li>Pearson {@code r = (Σv·p − S·Σp/N) / √(SST · (Σp² − (Σp)²/N))} with the word index p (and likewise with the
 *       sentence length).</li>
 * </ul>
 *
 * A neuron is constant when {@code SST ≤ 10⁻¹² · Q} (every shifted value is exactly 0 for a truly constant one): its
 * η², ω² and r are 0/0 and recorded as null with the reason in {@link Census.Neuron#undefined()}. A neuron is
 * negligible when the root mean square of its activations is at most 10⁻⁶ of the median over its layer (hidden states
 * of a last layer can hold dimensions of size 10⁻³², whose η² would describe rounding): it counts as dead and its
 * scores are null likewise. Likewise r is null
 * when every word sits at the same index (one-word sentences only).
 */
final class NeuronScores {
    static final String CONSTANT = "constant: one value on every word, so η², ω² and r are 0/0";
    static final String NEGLIGIBLE = "negligible: its root mean square is below 1e-6 of the median of its layer, so"
            + " its variation is numerical noise; counted as dead, η², ω² and r not computed";
    /** A neuron whose root mean square is at most this share of its layer's median is negligible. */
    static final double NEGLIGIBLE_SHARE = 1e-6;
    static final String SAME_POSITION = "every word at the same index in its sentence, so r with the index is 0/0";
    static final String SAME_LENGTH = "every sentence of the same length, so r with the length is 0/0";

    private NeuronScores() {
    }

    /** The bigram ω² minus the word-type ω² (the n-gram score), or −∞ when either is undefined. */
    static double ngramGain(Census.Neuron n) {
        return n.bigramOmega2() == null || n.omega2() == null ? Double.NEGATIVE_INFINITY
                : n.bigramOmega2() - n.omega2();
    }

    /** The root mean square of neuron {@code j}'s raw activations (0 for no rows). */
    static double rms(CensusStatistics s, int j) {
        if (s.rows == 0) {
            return 0;
        }
        double k = s.shift[j];
        double sq = s.sumSq[j] + 2 * k * s.sum[j] + s.rows * k * k;
        return Math.sqrt(Math.max(0, sq / s.rows));
    }

    /**
     * The census of neuron {@code j}.
     *
     * @param negligible whether its activations are negligible next to its layer's ({@link #NEGLIGIBLE_SHARE})
     */
    static Census.Neuron score(CensusStatistics s, WordGroups g, CensusSettings settings, int j, String name,
            int layer, boolean negligible) {
        long n = s.rows;
        int d = s.neurons;
        double sum = s.sum[j];
        double sq = s.sumSq[j];
        double activeShare = n == 0 ? 0 : (double) s.active[j] / n;
        double sst = n == 0 ? 0 : sq - sum * sum / n;
        boolean constant = n == 0 || sq == 0 || sst <= 1e-12 * sq;
        boolean dead = activeShare <= settings.deadShare() || negligible;
        boolean rare = !dead && activeShare <= settings.rareShare();
        if (constant || negligible) {
            return new Census.Neuron(j, name, layer, activeShare, null, null, null, null, null, null, null, null,
                    null, null, null, constant ? CONSTANT : NEGLIGIBLE, dead, rare, false, false, false);
        }
        double base = sum * sum / n;
        double ssbU = between(s.unigram, j, d, g.unigramGroups(), g::unigramCount, base, sst);
        double ssbP = between(s.permuted, j, d, g.unigramGroups(), g::unigramCount, base, sst);
        double ssbB = between(s.bigram, j, d, g.bigramGroups(), g::bigramCount, base, sst);
        double eta2 = ssbU / sst;
        double eta2Permuted = ssbP / sst;
        double bigramEta2 = ssbB / sst;
        Double omega2 = omega2(ssbU, sst, g.nonEmptyUnigramGroups(), n);
        Double bigramOmega2 = omega2(ssbB, sst, g.nonEmptyBigramGroups(), n);
        int topWord = argmax(s.unigram, j, d, 1, g.unigramGroups(), g::unigramCount);
        int topBigram = argmax(s.bigram, j, d, g.unigramGroups(), g.bigramGroups(), g::bigramCount);
        double varP = s.posSq - s.pos * s.pos / n;
        double varL = s.lenSq - s.len * s.len / n;
        Double r = varP <= 1e-12 * s.posSq ? null : correlation(s.sumPosition[j] - sum * s.pos / n, sst, varP);
        Double lengthR = varL <= 1e-12 * s.lenSq ? null : correlation(s.sumLength[j] - sum * s.len / n, sst, varL);
        String undefined = r == null ? SAME_POSITION + (lengthR == null ? "; " + SAME_LENGTH : "")
                : lengthR == null ? SAME_LENGTH : null;
        boolean token = eta2 >= settings.tokenThreshold() && eta2 > eta2Permuted;
        boolean ngram = bigramEta2 >= settings.tokenThreshold() && omega2 != null && bigramOmega2 != null
                && bigramOmega2 - omega2 >= settings.ngramMargin();
        boolean positional = r != null && Math.abs(r) >= settings.positionThreshold();
        return new Census.Neuron(j, name, layer, activeShare, eta2, eta2Permuted, omega2, bigramEta2, bigramOmega2,
                r, lengthR, topWord < 0 ? null : g.unigramLabel(topWord),
                topWord < 0 ? null : s.unigram[topWord * d + j] / g.unigramCount(topWord) + s.shift[j],
                topBigram < 0 ? null : g.bigramLabel(topBigram),
                topBigram < 0 ? null : s.bigram[topBigram * d + j] / g.bigramCount(topBigram) + s.shift[j],
                undefined, dead, rare, token, ngram, positional);
    }

    /** {@code Σ_g S_g²/n_g − S²/N}, clamped to [0, SST]. */
    private static double between(double[] sums, int j, int d, int groups, IntToLongFunction count,
            double base, double sst) {
        double b = 0;
        for (int k = 0; k < groups; k++) {
            long c = count.applyAsLong(k);
            if (c > 0) {
                double sg = sums[k * d + j];
                b += sg * sg / c;
            }
        }
        return Math.max(0, Math.min(sst, b - base));
    }

    /** Hays' ω² for K non-empty groups of N rows in all, or null when {@code N ≤ K}. */
    static Double omega2(double ssb, double sst, int k, long n) {
        if (n <= k) {
            return null;
        }
        double msw = (sst - ssb) / (n - k);
        double w = (ssb - Math.max(0, k - 1) * msw) / (sst + msw);
        return Math.max(-1, Math.min(1, w));
    }

    private static double correlation(double cov, double sst, double var) {
        return Math.max(-1, Math.min(1, cov / Math.sqrt(sst * var)));
    }

    /** The group in {@code [from, to)} with rows and the largest mean, or −1 when none has rows. */
    private static int argmax(double[] sums, int j, int d, int from, int to,
            IntToLongFunction count) {
        int best = -1;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int k = from; k < to; k++) {
            long c = count.applyAsLong(k);
            if (c > 0) {
                double mean = sums[k * d + j] / c;
                if (mean > bestMean) {
                    best = k;
                    bestMean = mean;
                }
            }
        }
        return best;
    }
}
