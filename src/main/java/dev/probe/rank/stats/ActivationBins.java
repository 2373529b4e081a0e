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

    private ActivationBins() {
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
