package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.probe.LabelIndex;
import dev.probe.probe.ProbeData;
import dev.probe.rank.stats.ClassStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Gaussian method (Torroba Hennigen, Williams &amp; Cotterell, EMNLP 2020, "Intrinsic probing through dimension
 * selection"; NeuroX {@code interpretation/gaussian_probe.py}): one multivariate Gaussian per class, neurons chosen
 * greedily, each step adding the neuron that maximises the mutual information between class and the chosen neurons.
 *
 * <p><b>The model</b>: prior class probabilities {@code π_c = n_c / N}; mean {@code μ_c} = the class mean; the
 * normal–inverse-Wishart posterior of NeuroX ({@code Λ_n = Λ0_c + S_c}, {@code ν_n = n_c + D + 2}, with {@code S_c}
 * the class's scatter matrix, {@code Λ0_c} the diagonal of its sample covariance — the variance over all tokens for a
 * class with one token — and {@code D} the neurons of the store), and for the {@code m} chosen neurons the mode of
 * that posterior's marginal on them, {@code Σ_c = (Λ0_c + S_c) / (n_c + 2m + 3)}. NeuroX takes the sub-block of the
 * full mode, {@code (Λ0_c + S_c) / (n_c + 2D + 4)}, which shrinks a rare class's covariance by up to
 * {@code n_c / (n_c + 2D)}; with {@code D = 2,688} (MiniLM, all layers) that drove the mutual information below zero
 * after 9 neurons on EWT XPOS (−9.7 bits at 50), so here the marginal's own mode is used.
 *
 * <p><b>The criterion</b>: {@code MI(S) = H(π) + mean_n log p(y_n | x_n,S)} in bits, the class posterior evaluated on
 * a fixed sample of training tokens (NeuroX evaluates on every training token; the sample, at most
 * {@value #SAMPLE} tokens and at most {@value #MEMORY_BYTES} bytes of residuals, is drawn from the options' seed).
 * Adding neuron {@code j} to {@code S} multiplies each class density by the univariate density of {@code x_j} given
 * {@code x_S} (Schur complement), so each step costs one pass over the training rows (the chosen neuron's
 * covariances) plus {@code O(classes × sample × neurons)}; no matrix is inverted.
 *
 * <p>It is slow by nature: {@code cap} passes over the training matrix. After {@code cap} neurons the rest follow by
 * their mutual information at the last step; constant neurons come last.
 */
public final class GaussianRanker implements Ranker {
    /** The most training tokens the criterion is evaluated on. */
    public static final int SAMPLE = 1000;
    /** The memory the per-class residuals of the sample may take. */
    public static final long MEMORY_BYTES = 512L << 20;
    private static final int BLOCK = 256;
    private static final int CHUNKS = 8;

    private final int cap;

    /** The method selecting at most {@code cap} neurons greedily. */
    public GaussianRanker(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("cap must be at least 1; found " + cap);
        }
        this.cap = cap;
    }

    @Override
    public String name() {
        return RankMethod.GAUSSIAN.id();
    }

    @Override
    public Ordering rank(Input input) throws ProbeException {
        ClassStatistics s = input.classStatistics();
        if (s == null) {
            throw new IllegalArgumentException("gaussian needs the training split's class statistics");
        }
        ProbeData train = input.splits().train();
        GaussianModel model = GaussianModel.of(s, train, sampleSize(s, train.size()), input.options().seed());
        int d = s.neurons();
        int steps = Math.min(cap, model.candidates());
        List<Integer> chosen = new ArrayList<>();
        double[] gain = new double[d];
        for (int k = 0; k < steps; k++) {
            gain = model.scores(CHUNKS);
            int best = -1;
            for (int j = 0; j < d; j++) {
                if (model.isCandidate(j) && (best < 0 || gain[j] > gain[best])) {
                    best = j;
                }
            }
            chosen.add(best);
            input.listener().step(k + 1, steps, String.format(java.util.Locale.ROOT,
                    "gaussian: neuron %d of %d (%d), MI %.4f bits", k + 1, steps, best, gain[best] / Math.log(2)));
            model.add(best, crossProducts(train, s, best));
        }
        return ordering(chosen, gain, model, d);
    }

    private static int sampleSize(ClassStatistics s, int rows) {
        long perToken = 4L * s.classes() * s.neurons();
        return (int) Math.max(1, Math.min(Math.min(SAMPLE, rows), MEMORY_BYTES / Math.max(1, perToken)));
    }

    /** {@code Σ_{n∈c} x_nj · x_ns} for every class and neuron: one pass over the training rows. */
    private static double[][] crossProducts(ProbeData train, ClassStatistics s, int neuron) {
        NpyMatrix m = train.matrix();
        int d = m.cols();
        double[][] cross = new double[s.classes()][d];
        long[] rows = train.rows();
        float[] block = new float[BLOCK * d];
        for (int i = 0; i < rows.length; i += BLOCK) {
            int k = Math.min(BLOCK, rows.length - i);
            for (int r = 0; r < k; r++) {
                m.readRow(rows[i + r], block, r * d);
            }
            for (int r = 0; r < k; r++) {
                int c = train.classes()[i + r];
                if (c == LabelIndex.UNSEEN) {
                    continue;
                }
                double xs = block[r * d + neuron];
                double[] row = cross[c];
                for (int j = 0; j < d; j++) {
                    row[j] += block[r * d + j] * xs;
                }
            }
        }
        return cross;
    }

    private static Ordering ordering(List<Integer> chosen, double[] gain, GaussianModel model, int d) {
        Integer[] rest = IntStream.range(0, d).filter(j -> !chosen.contains(j)).boxed().toArray(Integer[]::new);
        Arrays.sort(rest, (a, b) -> {
            boolean ca = model.isCandidate(a);
            boolean cb = model.isCandidate(b);
            if (ca != cb) {
                return ca ? -1 : 1;
            }
            int c = ca ? Double.compare(gain[b], gain[a]) : 0;
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[d];
        int i = 0;
        for (int j : chosen) {
            order[i++] = j;
        }
        for (int j : rest) {
            order[i++] = j;
        }
        return new Ordering(order, new int[] {chosen.size(), d});
    }
}
