package dev.probe.report;

import dev.probe.intervene.Effect;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One measure's effect against the number of neurons changed: each set's effect (a red dot labelled with the set)
 * and the mean of its matched random sets with ±1 sd bars (blue), side by side at the set's size; nothing is joined,
 * since sets of the same size (minimal and bottom:N) are different experiments; zero as a thin line; legend on the
 * right.
 */
final class InterventionChart {
    private static final double LEGEND_WIDTH = 190;
    private static final int SELECTED = 0xd62728;
    private static final int RANDOM = 0x1f77b4;

    private InterventionChart() {
    }

    /**
     * Draws the effects (all of one measure, layer and class, one per set) onto {@code c}.
     *
     * @param measure names the y axis
     */
    static void draw(List<Effect> effects, String measure, String subtitle, Canvas c) {
        List<Effect> sorted = new ArrayList<>(effects);
        sorted.sort(Comparator.comparingInt(Effect::neurons));
        double lo = 0;
        double hi = 0;
        int most = 1;
        for (Effect e : sorted) {
            lo = Math.min(lo, Math.min(e.value(), e.randomMean() - sd(e)));
            hi = Math.max(hi, Math.max(e.value(), e.randomMean() + sd(e)));
            most = Math.max(most, e.neurons());
        }
        double pad = Math.max(1e-6, 0.08 * (hi - lo));
        ChartFrame f = ChartFrame.of(c, LEGEND_WIDTH);
        Axis x = new Axis(0, most * 1.12, false, f.left(), f.right());
        Axis y = new Axis(lo - (lo < 0 ? pad : 0), hi + pad, false, f.bottom(), f.top());
        ChartFrame.title(c, measure + ": selected vs random neurons", subtitle);
        f.axes(c, x, x.ticks(8, true), y, y.ticks(6, false), "neurons changed", measure);
        c.line(f.left(), y.map(0), f.right(), y.map(0), Stroke.solid(ChartFrame.FRAME, 1));
        java.util.Map<Integer, Integer> sameSize = new java.util.HashMap<>();
        for (Effect e : sorted) {
            int k = sameSize.merge(e.neurons(), 1, Integer::sum) - 1; // sets of one size side by side, 18 px apart
            double sx = x.map(e.neurons()) + 18 * k - 4;
            double rx = sx + 8;
            double s = sd(e);
            c.line(sx, y.map(e.value()), rx, y.map(e.randomMean()), Stroke.solid(ChartFrame.MUTED, 0.8));
            c.line(rx, y.map(e.randomMean() - s), rx, y.map(e.randomMean() + s), Stroke.solid(RANDOM, 1.5));
            c.circle(rx, y.map(e.randomMean()), 3.5, RANDOM);
            c.circle(sx, y.map(e.value()), 4, SELECTED);
            c.text(sx - 7, y.map(e.value()) + 4, Fmt.cut(e.set(), 18), Font.of(11, ChartFrame.TEXT, Anchor.END));
        }
        if (sorted.isEmpty()) {
            f.note(c, "no effect of this measure was recorded");
        }
        double lx = f.right() + 16;
        String[] labels = {"selected set", "its random sets ± sd"};
        int[] colours = {SELECTED, RANDOM};
        for (int i = 0; i < labels.length; i++) {
            double ly = f.top() + 10 + 22 * i;
            c.circle(lx + 12, ly, 4, colours[i]);
            c.text(lx + 32, ly + 4, labels[i], Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }

    private static double sd(Effect e) {
        return Double.isFinite(e.randomSd()) ? e.randomSd() : 0;
    }
}
