package dev.probe.rank.stats;

/**
 * The fixed histogram bins of {@link ClassStatistics}: {@value #BINS} bins uniform in {@code u = asinh(x / s)}, with
 * {@code s = }{@value #SCALE}, over {@code |u| ≤ asinh(}{@value #RANGE}{@code  / s)} — so about 8 % relative width
 * for {@code |x| > s}, {@code 0.008} absolute below, and values beyond {@code ±}{@value #RANGE} counted in the end
 * bins. The edges depend on nothing but these constants, so histograms of any two shards add bin by bin.
 */
public final class ActivationBins {
    /** Number of bins. */
    public static final int BINS = 256;
    /** Activation scale {@code s} below which the bins are uniform. */
    public static final double SCALE = 0.1;
    /** Largest activation magnitude with bins of its own. */
    public static final double RANGE = 1000;

    private static final double U_MAX = asinh(RANGE / SCALE);
    private static final double WIDTH = 2 * U_MAX / BINS;
    /** Per cell of floats sharing their top 16 bits (sign, exponent, 7 mantissa bits): the bin of its first float. */
    private static final short[] CELL_BIN = new short[1 << 16];
    /** Per cell: the low 16 bits from which its floats are one bin further ({@code 1 << 16}: none), or -1: compute. */
    private static final int[] CELL_STEP = new int[1 << 16];

    static {
        for (int cell = 0; cell < 1 << 16; cell++) {
            int first = cell << 16;
            int last = first | 0xFFFF;
            float lo = Float.intBitsToFloat(first);
            float hi = Float.intBitsToFloat(last);
            if (!Float.isFinite(lo) || !Float.isFinite(hi)) {
                CELL_STEP[cell] = -1;
                continue;
            }
            int a = of((double) lo);
            int b = of((double) hi);
            CELL_BIN[cell] = (short) a;
            if (a == b) {
                CELL_STEP[cell] = 1 << 16;
            } else if (Math.abs(a - b) > 1) {
                CELL_STEP[cell] = -1;
            } else { // the first float of the cell in the next bin: of is monotone in x, bits order |x|
                int l = 0; // offsets within the cell (the bits of negative floats are negative ints)
                int r = 0xFFFF;
                while (l < r) {
                    int m = (l + r) >>> 1;
                    if (of((double) Float.intBitsToFloat(first + m)) == a) {
                        l = m + 1;
                    } else {
                        r = m;
                    }
                }
                CELL_STEP[cell] = l;
            }
        }
    }

    private ActivationBins() {
    }

    /**
     * The bin of a finite float32, {@code 0 … BINS-1}: {@link #of(double)} of it, from a table (a cell of 2¹⁶
     * consecutive floats spans at most one bin edge), about 30 ns faster per value. Equal for every finite float:
     * {@code ActivationBinsTest} checks samples, and all of them with {@code -Dprobe.exhaustive=true}.
     */
    public static int of(float x) {
        int bits = Float.floatToRawIntBits(x);
        int cell = bits >>> 16;
        int step = CELL_STEP[cell];
        if (step < 0) {
            return of((double) x);
        }
        int bin = CELL_BIN[cell];
        if ((bits & 0xFFFF) >= step) {
            bin += bits < 0 ? -1 : 1;
        }
        return bin;
    }

    /** The bin of a finite value, {@code 0 … BINS-1}. */
    public static int of(double x) {
        int b = (int) Math.floor((asinh(x / SCALE) + U_MAX) / WIDTH);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    /** The lower edge of bin {@code b} ({@code b = BINS} gives the upper edge of the last bin). */
    public static double lowerEdge(int b) {
        return SCALE * Math.sinh(-U_MAX + b * WIDTH);
    }

    /** The centre of bin {@code b} on the {@code u} scale, mapped back to an activation. */
    public static double centre(int b) {
        return SCALE * Math.sinh(-U_MAX + (b + 0.5) * WIDTH);
    }

    private static double asinh(double x) {
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }
}
