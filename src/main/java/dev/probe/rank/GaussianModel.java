package dev.probe.rank;

import dev.probe.probe.LabelIndex;
import dev.probe.probe.ProbeData;
import dev.probe.rank.stats.ClassStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The state of {@link GaussianRanker}'s greedy selection, all with respect to {@code Λ_c = Λ0_c + S_c} (the MAP
 * covariance times its divisor, which depends on the number of neurons chosen): for every class with tokens and every
 * sampled token, the Mahalanobis distance of the chosen neurons and each neuron's residual given them; per class the
 * log determinant of the chosen block, and per class and neuron the conditional variance given the chosen neurons;
 * and the rows {@code G} of the Cholesky factor of the chosen block, extended to every neuron, from which conditional
 * covariances follow.
 */
final class GaussianModel {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final int[] active;
    private final double[] logPrior;
    private final double entropy;
    private final double[][] mean;
    private final double[] logDet;
    private final int[] sampleClass;
    private final float[][] residual;
    private final double[][] mahalanobis;
    private final double[][] variance;
    private final double[] floor;
    private int chosen;
    private final List<double[][]> factor = new ArrayList<>();
    private final boolean[] candidate;
    private final long[] count;

    private GaussianModel(int d, int[] active, double[] logPrior, double[][] mean,
            int[] sampleClass, float[][] residual, double[][] variance, double[] floor, boolean[] candidate,
            long[] count) {
        this.d = d;
        this.active = active;
        this.logPrior = logPrior;
        this.mean = mean;
        this.logDet = new double[active.length];
        this.sampleClass = sampleClass;
        this.residual = residual;
        this.variance = variance;
        this.floor = floor;
        this.candidate = candidate;
        this.count = count;
        this.mahalanobis = new double[active.length][sampleClass.length];
        double h = 0;
        for (double lp : logPrior) {
            h -= Math.exp(lp) * lp;
        }
        this.entropy = h;
    }

    /** The model of the statistics, evaluated on {@code sample} training tokens drawn from {@code seed}. */
    static GaussianModel of(ClassStatistics s, ProbeData train, int sample, long seed) {
        int d = s.neurons();
        int[] active = IntStream.range(0, s.classes()).filter(c -> s.count(c) > 0).toArray();
        long n = s.total();
        double[] total = new double[d];
        double[] totalSq = new double[d];
        for (int c : active) {
            for (int j = 0; j < d; j++) {
                total[j] += s.sum(c, j);
                totalSq[j] += s.sumSq(c, j);
            }
        }
        double[] pooled = new double[d];
        double[] floor = new double[d];
        boolean[] candidate = new boolean[d];
        for (int j = 0; j < d; j++) {
            pooled[j] = n > 1 ? Math.max(0, totalSq[j] - total[j] * total[j] / n) / (n - 1) : 0;
            floor[j] = 1e-12 * pooled[j];
            candidate[j] = pooled[j] > 0;
        }
        int k = active.length;
        double[] logPrior = new double[k];
        double[][] mean = new double[k][d];
        double[][] variance = new double[k][d];
        for (int a = 0; a < k; a++) {
            int c = active[a];
            long nc = s.count(c);
            logPrior[a] = Math.log((double) nc / n);
            for (int j = 0; j < d; j++) {
                mean[a][j] = s.mean(c, j);
                double scatter = Math.max(0, s.sumSq(c, j) - s.sum(c, j) * mean[a][j]);
                double prior = nc > 1 ? scatter / (nc - 1) : pooled[j];
                variance[a][j] = Math.max(floor[j] * Math.max(1, nc), prior + scatter);
            }
        }
        long[] rows = sampleRows(train, sample, seed);
        int[] sampleClass = new int[rows.length];
        float[][] residual = new float[k][rows.length * d];
        float[] x = new float[d];
        int[] slot = new int[s.classes()];
        Arrays.fill(slot, -1);
        for (int a = 0; a < k; a++) {
            slot[active[a]] = a;
        }
        for (int i = 0; i < rows.length; i++) {
            train.matrix().readRow(train.rows()[(int) rows[i]], x, 0);
            sampleClass[i] = slot[train.classes()[(int) rows[i]]];
            for (int a = 0; a < k; a++) {
                for (int j = 0; j < d; j++) {
                    residual[a][i * d + j] = (float) (x[j] - mean[a][j]);
                }
            }
        }
        long[] count = Arrays.stream(active).mapToLong(s::count).toArray();
        return new GaussianModel(d, active, logPrior, mean, sampleClass, residual, variance, floor,
                candidate, count);
    }

    /** Indices into the training split of up to {@code sample} tokens of a seen class, ascending. */
    private static long[] sampleRows(ProbeData train, int sample, long seed) {
        int[] seen = IntStream.range(0, train.size()).filter(i -> train.classes()[i] != LabelIndex.UNSEEN).toArray();
        int m = Math.min(sample, seen.length);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = random.nextInt(i, seen.length);
            int t = seen[i];
            seen[i] = seen[j];
            seen[j] = t;
        }
        return Arrays.stream(Arrays.copyOf(seen, m)).sorted().asLongStream().toArray();
    }

    /**
     * {@code n_c + 2m + 3}: the MAP covariance of class {@code c} over {@code m} neurons is {@code (Λ0 + S)} divided
     * by this — the mode of the normal–inverse-Wishart posterior's marginal on those neurons ({@code ν = n_c + m + 2}
     * degrees of freedom when the prior has {@code ν0 = D + 2} on all {@code D}).
     */
    private double divisor(int c, int m) {
        return count[c] + 2.0 * m + 3;
    }

    /** Neurons that may still be chosen (not constant, not chosen yet). */
    int candidates() {
        int n = 0;
        for (boolean b : candidate) {
            n += b ? 1 : 0;
        }
        return n;
    }

    boolean isCandidate(int j) {
        return candidate[j];
    }

    /**
     * The mutual information (nats) of the chosen neurons plus {@code j}, for every neuron {@code j} (non-candidates
     * get −∞). Summed over {@code chunks} fixed ranges of the sample, in range order, so the result does not depend
     * on the thread schedule.
     */
    double[] scores(int chunks) {
        int k = active.length;
        int m = sampleClass.length;
        int dims = chosen + 1;
        double[][] a = new double[k][d];
        double[][] b = new double[k][d];
        double[] scale = new double[k]; // Σ_c = (Λ0 + S) / scale: log det and Mahalanobis distance follow
        for (int c = 0; c < k; c++) {
            scale[c] = divisor(c, dims);
            for (int j = 0; j < d; j++) {
                a[c][j] = logPrior[c] - 0.5 * (dims * (LOG_2PI - Math.log(scale[c])) + logDet[c]
                        + Math.log(variance[c][j]));
                b[c][j] = 0.5 * scale[c] / variance[c][j];
            }
        }
        int size = (m + chunks - 1) / chunks;
        double[][] partial = IntStream.range(0, chunks).parallel().mapToObj(chunk -> {
            double[] acc = new double[d];
            double[] lp = new double[k * d];
            double[] max = new double[d];
            double[] sum = new double[d];
            for (int i = chunk * size; i < Math.min(m, (chunk + 1) * size); i++) {
                Arrays.fill(max, Double.NEGATIVE_INFINITY);
                for (int c = 0; c < k; c++) {
                    double base = -0.5 * scale[c] * mahalanobis[c][i];
                    float[] r = residual[c];
                    for (int j = 0; j < d; j++) {
                        double e = r[i * d + j];
                        double v = base + a[c][j] - e * e * b[c][j];
                        lp[c * d + j] = v;
                        max[j] = Math.max(max[j], v);
                    }
                }
                Arrays.fill(sum, 0);
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        sum[j] += Math.exp(lp[c * d + j] - max[j]);
                    }
                }
                int y = sampleClass[i];
                for (int j = 0; j < d; j++) {
                    acc[j] += lp[y * d + j] - max[j] - Math.log(sum[j]);
                }
            }
            return acc;
        }).toArray(double[][]::new);
        double[] mi = new double[d];
        for (int j = 0; j < d; j++) {
            double total = 0;
            for (double[] p : partial) {
                total += p[j];
            }
            mi[j] = candidate[j] ? entropy + total / m : Double.NEGATIVE_INFINITY;
        }
        return mi;
    }

    /**
     * Adds neuron {@code s} to the chosen ones.
     *
     * @param cross {@code Σ_{n∈c} x_nj · x_ns} per class (all classes of the statistics) and neuron
     */
    void add(int s, double[][] cross) {
        int k = active.length;
        int m = sampleClass.length;
        double[][] row = new double[k][d];
        for (int c = 0; c < k; c++) {
            double[] mu = mean[c];
            double vs = variance[c][s];
            for (int j = 0; j < d; j++) {
                double scatter = cross[active[c]][j] - count[c] * mu[j] * mu[s];
                double cov = j == s ? vs : scatter;
                for (double[][] g : factor) {
                    cov -= j == s ? 0 : g[c][j] * g[c][s];
                }
                row[c][j] = cov / Math.sqrt(vs);
            }
            row[c][s] = Math.sqrt(vs);
            double[] coefficient = new double[d];
            for (int j = 0; j < d; j++) {
                coefficient[j] = row[c][j] / Math.sqrt(vs);
            }
            float[] r = residual[c];
            for (int i = 0; i < m; i++) {
                double es = r[i * d + s];
                mahalanobis[c][i] += es * es / vs;
                for (int j = 0; j < d; j++) {
                    r[i * d + j] -= (float) (coefficient[j] * es);
                }
            }
            for (int j = 0; j < d; j++) {
                variance[c][j] = Math.max(floor[j] * Math.max(1, count[c]), variance[c][j] - row[c][j] * row[c][j]);
            }
            logDet[c] += Math.log(vs);
        }
        chosen++;
        factor.add(row);
        candidate[s] = false;
    }
}
