package dev.probe.rank.stats;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of doubles (a Kulisch accumulator per cell), so adding is associative: a sum over rows gives the same bits
 * in any order and however the rows are split into parts and merged (shards, Spark partitions, threads), and nothing
 * is lost to rounding, whatever the magnitudes (a neuron whose activations are all near 10⁻³² sums as exactly as one
 * near 10³).
 *
 * <p>Cell {@code i} holds {@code Σ_k w[i·D + k] · 2^(32k − 352)} over {@value #DIGITS} base-2³² digits: every double of
 * magnitude in {@code [2⁻³⁰⁰, 2²⁵⁶)}, so every float32 and every float32's square, is represented exactly, with room
 * for 2⁶⁴ such terms. Digits accumulate signed and are carried ({@link #normalize}) before they could overflow, and
 * always before they are compared, merged, written or read as a double.
 */
final class ExactSums implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Base-2³² digits per cell. */
    static final int DIGITS = 21;
    /** The weight of the lowest digit's lowest bit: 2^LSB. */
    static final int LSB = -352;
    private static final long MASK = 0xFFFF_FFFFL;
    private static final long MAX_PENDING = 1L << 28;

    private final int cells;
    private final long[] w;
    private long pending;
    private transient double[] values;

    ExactSums(int cells) {
        this(cells, new long[Math.multiplyExact(cells, DIGITS)]);
    }

    /** Sums from normalised digits ({@link #digits()}). */
    ExactSums(int cells, long[] digits) {
        if (digits.length != (long) cells * DIGITS) {
            throw new IllegalArgumentException(digits.length + " digits for " + cells + " cells of " + DIGITS);
        }
        this.cells = cells;
        this.w = digits;
        this.pending = MAX_PENDING / 2; // unknown history: carry soon
    }

    /** Sums holding the given doubles (statistics files written before exact sums). */
    static ExactSums ofDoubles(double[] v) {
        ExactSums s = new ExactSums(v.length);
        for (int i = 0; i < v.length; i++) {
            s.add(i, v[i]);
        }
        return s;
    }

    int cells() {
        return cells;
    }

    /**
     * Adds {@code v} to cell {@code i}. Call {@link #counted} once per round of at most one add per cell.
     *
     * @throws ArithmeticException when {@code v} is not finite or beyond the exact range
     */
    void add(int i, double v) {
        if (v == 0) {
            return;
        }
        if (!Double.isFinite(v) || Math.abs(v) >= 0x1p256) {
            throw new ArithmeticException("value " + v + " is beyond the exact-sum range of ±2^256");
        }
        int exp = Math.max(Math.getExponent(v), Double.MIN_EXPONENT);
        long m = (long) Math.scalb(v, 52 - exp); // v = m·2^(exp−52) exactly, |m| < 2⁵³
        int p = exp - 52 - LSB;
        if (p < 0) {
            throw new ArithmeticException("value " + v + " is below the exact-sum range of 2^" + LSB);
        }
        values = null;
        int d = i * DIGITS + p / 32;
        int b = p % 32;
        long a = Math.abs(m);
        long t0 = (a & MASK) << b;
        long t1 = (a >>> 32) << b;
        long c0 = t0 & MASK;
        long c1 = (t0 >>> 32) + (t1 & MASK);
        long c2 = t1 >>> 32;
        if (m < 0) {
            c0 = -c0;
            c1 = -c1;
            c2 = -c2;
        }
        w[d] += c0;
        w[d + 1] += c1;
        if (c2 != 0) {
            w[d + 2] += c2;
        }
    }

    /** Records that each cell got at most one more {@link #add}; carries when digits could come near overflow. */
    void counted() {
        if (++pending >= MAX_PENDING) {
            normalize();
        }
    }

    /** Carries every cell's digits: all but the top in {@code [0, 2³²)}, the top signed. */
    void normalize() {
        for (int c = 0; c < cells; c++) {
            int base = c * DIGITS;
            for (int k = 0; k < DIGITS - 1; k++) {
                long carry = w[base + k] >> 32;
                w[base + k] &= MASK;
                w[base + k + 1] += carry;
            }
            if (Math.abs(w[base + DIGITS - 1]) >= 1L << 40) {
                throw new ArithmeticException("a sum reached 2^" + (32 * (DIGITS - 1) + 40 + LSB));
            }
        }
        pending = 0;
    }

    /** Adds every cell of {@code other}. */
    void addAll(ExactSums other) {
        if (other.cells != cells) {
            throw new IllegalArgumentException("sums of " + other.cells + " and " + cells + " cells");
        }
        normalize();
        other.normalize();
        for (int k = 0; k < w.length; k++) {
            w[k] += other.w[k];
        }
        values = null;
        normalize();
    }

    /** Cell {@code i} rounded to the nearest double. */
    double value(int i) {
        if (values == null) {
            normalize();
            double[] v = new double[cells];
            for (int c = 0; c < cells; c++) {
                v[c] = round(c);
            }
            values = v;
        }
        return values[i];
    }

    private double round(int c) {
        int base = c * DIGITS;
        BigInteger n = BigInteger.ZERO;
        for (int k = DIGITS - 1; k >= 0; k--) {
            n = n.shiftLeft(32).add(BigInteger.valueOf(w[base + k]));
        }
        BigInteger a = n.abs();
        int shift = a.bitLength() - 62; // keep 62 bits and a sticky bit: one rounding, to nearest even
        double magnitude;
        if (shift <= 0) {
            magnitude = Math.scalb((double) a.longValueExact(), LSB);
        } else {
            BigInteger top = a.shiftRight(shift);
            boolean sticky = a.getLowestSetBit() < shift;
            magnitude = Math.scalb((double) (top.longValueExact() | (sticky ? 1 : 0)), LSB + shift);
        }
        return n.signum() < 0 ? -magnitude : magnitude;
    }

    /** Every cell rounded to doubles. */
    double[] values() {
        double[] v = new double[cells];
        for (int i = 0; i < cells; i++) {
            v[i] = value(i);
        }
        return v;
    }

    /** The normalised digits, {@code [cell, digit]} (for files). */
    long[] digits() {
        normalize();
        return w;
    }

    ExactSums copy() {
        normalize();
        return new ExactSums(cells, w.clone());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExactSums s) || s.cells != cells) {
            return false;
        }
        normalize();
        s.normalize();
        return Arrays.equals(w, s.w);
    }

    @Override
    public int hashCode() {
        normalize();
        return Arrays.hashCode(w);
    }
}
