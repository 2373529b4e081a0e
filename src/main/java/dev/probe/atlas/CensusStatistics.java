package dev.probe.atlas;

import java.util.Arrays;

/**
 * The census's sufficient statistics, all sums and counts in double precision (so two shards over the same groups and
 * shift {@link #merge}): per neuron the sum and sum of squares of the shifted activation {@code v = x − shift}, the
 * sums of {@code v} per word-type, bigram and permuted word-type group, the sums of {@code v·position} and
 * {@code v·length}, and the count of words where {@code x > activeAbove}; and the position and length sums shared by
 * every neuron. Shifting every neuron by a value it takes (its first row) keeps the sums small, so the sums of squares
 * lose little to cancellation, and makes a constant neuron's sums exactly 0.
 */
public final class CensusStatistics {
    final int neurons;
    final int unigramGroups;
    final int bigramGroups;
    final double activeAbove;
    final double[] shift;
    long rows;
    final double[] sum;
    final double[] sumSq;
    final double[] unigram;
    final double[] bigram;
    final double[] permuted;
    final double[] sumPosition;
    final double[] sumLength;
    final long[] active;
    double pos;
    double posSq;
    double len;
    double lenSq;

    /**
     * Empty statistics.
     *
     * @param shift the value subtracted from each neuron's activations (its first row's, by convention)
     * @param unigramGroups word-type groups ({@link WordGroups#unigramGroups()})
     * @param bigramGroups bigram groups ({@link WordGroups#bigramGroups()})
     * @param activeAbove the activity threshold
     */
    public CensusStatistics(double[] shift, int unigramGroups, int bigramGroups, double activeAbove) {
        this.neurons = shift.length;
        this.shift = shift.clone();
        this.unigramGroups = unigramGroups;
        this.bigramGroups = bigramGroups;
        this.activeAbove = activeAbove;
        this.sum = new double[neurons];
        this.sumSq = new double[neurons];
        this.unigram = new double[Math.multiplyExact(unigramGroups, neurons)];
        this.bigram = new double[Math.multiplyExact(bigramGroups, neurons)];
        this.permuted = new double[Math.multiplyExact(unigramGroups, neurons)];
        this.sumPosition = new double[neurons];
        this.sumLength = new double[neurons];
        this.active = new long[neurons];
    }

    /** Bytes of the accumulators, for {@code groups} word-type and {@code bigrams} bigram groups. */
    public static long bytes(long neurons, long unigramGroups, long bigramGroups) {
        return 8 * neurons * (2 * unigramGroups + bigramGroups + 5);
    }

    /**
     * Adds {@code count} rows, row-major with {@link #neurons} values each, that are rows {@code first …} of the store
     * (their groups are looked up in {@code groups}).
     */
    public void add(float[] values, int count, long first, WordGroups groups) {
        int d = neurons;
        for (int r = 0; r < count; r++) {
            int i = Math.toIntExact(first + r);
            int u = groups.unigram(i) * d;
            int b = groups.bigram(i) * d;
            int p = groups.permuted(i) * d;
            double position = groups.position(i);
            double length = groups.length(i);
            int base = r * d;
            for (int j = 0; j < d; j++) {
                float x = values[base + j];
                double v = x - shift[j];
                sum[j] += v;
                sumSq[j] += v * v;
                unigram[u + j] += v;
                bigram[b + j] += v;
                permuted[p + j] += v;
                sumPosition[j] += v * position;
                sumLength[j] += v * length;
                if (x > activeAbove) {
                    active[j]++;
                }
            }
            pos += position;
            posSq += position * position;
            len += length;
            lenSq += length * length;
        }
        rows += count;
    }

    /** Adds {@code other}'s sums into these: both must have the same shape, shift and threshold. */
    public void merge(CensusStatistics other) {
        if (other.neurons != neurons || other.unigramGroups != unigramGroups || other.bigramGroups != bigramGroups
                || other.activeAbove != activeAbove || !Arrays.equals(other.shift, shift)) {
            throw new IllegalArgumentException("census statistics of another shape, shift or threshold");
        }
        add(sum, other.sum);
        add(sumSq, other.sumSq);
        add(unigram, other.unigram);
        add(bigram, other.bigram);
        add(permuted, other.permuted);
        add(sumPosition, other.sumPosition);
        add(sumLength, other.sumLength);
        for (int j = 0; j < neurons; j++) {
            active[j] += other.active[j];
        }
        rows += other.rows;
        pos += other.pos;
        posSq += other.posSq;
        len += other.len;
        lenSq += other.lenSq;
    }

    private static void add(double[] into, double[] from) {
        for (int k = 0; k < into.length; k++) {
            into[k] += from[k];
        }
    }

    /** Rows added. */
    public long rows() {
        return rows;
    }

    /** Neurons. */
    public int neurons() {
        return neurons;
    }
}
