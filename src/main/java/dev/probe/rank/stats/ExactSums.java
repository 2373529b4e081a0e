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
    /**
     * Adds between carries. One add puts less than 2^33 into a digit, so 2^28 adds (into any cells) keep every digit
     * below 2^61 + 2^32: no overflow, whoever calls and however often.
     */
    private static final long MAX_PENDING = 1L << 28;

    private final int cells;
    private final long[] w;
    private long pending;
    private transient double[] values;

    ExactSums(int cells) {
        this(cells, new long[Math.multiplyExact(cells, DIGITS)]);
    }

    /**
     * Sums from normalised digits ({@link #digits()}).
     *
     * @throws ArithmeticException when the digits are not normalised (a digit other than the top outside
     *     {@code [0, 2³²)}, or a top digit beyond ±2⁴⁰)
     */
    ExactSums(int cells, long[] digits) {
        if (digits.length != (long) cells * DIGITS) {
            throw new IllegalArgumentException(digits.length + " digits for " + cells + " cells of " + DIGITS);
        }
        this.cells = cells;
        this.w = digits;
        for (int k = 0; k < digits.length; k++) {
            boolean top = k % DIGITS == DIGITS - 1;
            if (top ? Math.abs(digits[k]) >= 1L << 40 : (digits[k] & ~MASK) != 0) {
                throw new ArithmeticException("digit " + k % DIGITS + " of exact sum " + k / DIGITS + " is "
                        + digits[k] + ": not a normalised exact sum");
            }
        }
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
     * Adds {@code v} to cell {@code i}; carries every {@value #MAX_PENDING} adds.
     *
     * @throws ArithmeticException when {@code v} is not finite or beyond the exact range
     */
    void add(int i, double v) {
        long bits = Double.doubleToRawLongBits(v);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long a = bits & 0xF_FFFF_FFFF_FFFFL; // v = ±a·2^(biased−1075), a < 2⁵³ with the hidden bit
        if (biased == 0) {
            if (a == 0) {
                return; // ±0
            }
            throw new ArithmeticException("value " + v + " is below the exact-sum range of 2^" + LSB);
        }
        if (biased - 1023 >= 256) { // also NaN and the infinities (biased 2047)
            throw new ArithmeticException("value " + v + " is beyond the exact-sum range of ±2^256");
        }
        a |= 1L << 52;
        int p = biased - 1075 - LSB;
        if (p < 0) {
            throw new ArithmeticException("value " + v + " is below the exact-sum range of 2^" + LSB);
        }
        values = null;
        if (++pending >= MAX_PENDING) {
            normalize();
        }
        int d = i * DIGITS + (p >>> 5);
        int b = p & 31;
        long t0 = (a & MASK) << b;
        long t1 = (a >>> 32) << b;
        long c0 = t0 & MASK;
        long c1 = (t0 >>> 32) + (t1 & MASK);
        long c2 = t1 >>> 32;
        if (bits < 0) {
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
