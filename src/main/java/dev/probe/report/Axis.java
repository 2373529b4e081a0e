package dev.probe.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A numeric axis: maps data values in {@code [lo, hi]} onto pixels {@code [from, to]}, linearly or on a log10 scale,
 * and picks readable ticks.
 *
 * @param lo smallest value shown ({@code > 0} on a log axis)
 * @param hi largest value shown, {@code > lo}
 * @param log log10 scale
 * @param from pixel of {@code lo}
 * @param to pixel of {@code hi} (smaller than {@code from} for a y axis)
 */
record Axis(double lo, double hi, boolean log, double from, double to) {

    /**
     * The y range of an accuracy chart: the data's range padded by 0.02 and rounded out to steps of 0.05, within
     * [0, 1] and at least 0.1 wide; [0, 1] when there is no finite value.
     *
     * @return {lo, hi}
     */
    static double[] accuracyRange(double minY, double maxY) {
        double lo = Double.isFinite(minY) ? Math.max(0, Math.floor((minY - 0.02) * 20) / 20) : 0;
        double hi = Double.isFinite(maxY) ? Math.min(1, Math.ceil((maxY + 0.02) * 20) / 20) : 1;
        if (hi - lo < 0.1) {
            lo = Math.max(0, hi - 0.1);
            hi = Math.max(hi, lo + 0.1);
        }
        return new double[] {lo, hi};
    }

    Axis {
        if (!(hi > lo) || log && !(lo > 0)) {
            throw new IllegalArgumentException("axis range must satisfy hi > lo (and lo > 0 on a log scale); found ["
                    + lo + ", " + hi + "]");
        }
    }

    /** The pixel of {@code value}. */
    double map(double value) {
        double t = log ? (Math.log10(value) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                : (value - lo) / (hi - lo);
        return from + t * (to - from);
    }

    /** Whether {@code value} can be drawn: finite, inside the range (and positive on a log axis). */
    boolean shows(double value) {
        return Double.isFinite(value) && value >= lo - 1e-12 * Math.abs(lo) && value <= hi + 1e-12 * Math.abs(hi);
    }

    /**
     * Tick values: on a log axis the powers of ten in range, with 2× and 5× added when there are at most three
     * decades; on a linear axis multiples of a 1-2-5 step giving about {@code target} ticks.
     */
    List<Double> ticks(int target, boolean integers) {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            int d0 = (int) Math.floor(Math.log10(lo));
            int d1 = (int) Math.ceil(Math.log10(hi));
            double[] mantissas = d1 - d0 <= 3 ? new double[] {1, 2, 5} : new double[] {1};
            for (int d = d0; d <= d1; d++) {
                for (double m : mantissas) {
                    double v = m * Math.pow(10, d);
                    if (shows(v) && (!integers || v >= 1)) {
                        ticks.add(v);
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((hi - lo) / Math.max(1, target));
        if (integers) {
            step = Math.max(1, Math.round(step));
        }
        long first = (long) Math.ceil(lo / step - 1e-9);
        for (long i = first; i * step <= hi + step * 1e-9; i++) {
            ticks.add(i == 0 ? 0 : i * step);
        }
        return ticks;
    }

    /** Tick labels with a common number of decimals: the fewest (≤ 3) that show every tick exactly. */
    static List<String> labels(List<Double> ticks) {
        int decimals = 0;
        for (double v : ticks) {
            while (decimals < 3 && Math.abs(v * Math.pow(10, decimals) - Math.rint(v * Math.pow(10, decimals))) > 1e-6) {
                decimals++;
            }
        }
        String format = "%." + decimals + "f";
        return ticks.stream().map(v -> String.format(Locale.ROOT, format, v)).toList();
    }

    /** The 1-2-5 × 10^k step nearest above {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }
}
