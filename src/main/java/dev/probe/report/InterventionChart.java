package dev.probe.report;

import dev.probe.intervene.Effect;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One measure's effect against the number of neurons changed: each set's effect (filled dots, joined in size order)
 * and the mean of its matched random sets with ±1 sd bars (open markers, dashed); zero as a thin line; legend on the
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
        Axis x = new Axis(0, most * 1.08, false, f.left(), f.right());
        Axis y = new Axis(lo - (lo < 0 ? pad : 0), hi + pad, false, f.bottom(), f.top());
        ChartFrame.title(c, measure + ": selected vs random neurons", subtitle);
        f.axes(c, x, x.ticks(8, true), y, y.ticks(6, false), "neurons changed", measure);
        c.line(f.left(), y.map(0), f.right(), y.map(0), Stroke.solid(ChartFrame.FRAME, 1));
        double[] sx = new double[sorted.size()];
        double[] sy = new double[sorted.size()];
        double[] ry = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            Effect e = sorted.get(i);
            sx[i] = x.map(e.neurons());
            sy[i] = y.map(e.value());
            ry[i] = y.map(e.randomMean());
            double s = sd(e);
            c.line(sx[i], y.map(e.randomMean() - s), sx[i], y.map(e.randomMean() + s), Stroke.solid(RANDOM, 1.5));
        }
        if (sorted.size() > 1) {
            c.polyline(sx, sy, new Stroke(SELECTED, 2, false));
            c.polyline(sx, ry, new Stroke(RANDOM, 2, true));
        }
        for (int i = 0; i < sorted.size(); i++) {
            c.circle(sx[i], ry[i], 4, RANDOM);
            c.circle(sx[i], sy[i], 4, SELECTED);
        }
        if (sorted.isEmpty()) {
            f.note(c, "no effect of this measure was recorded");
        }
        double lx = f.right() + 16;
        String[] labels = {"selected set", "random sets, mean ± sd"};
        int[] colours = {SELECTED, RANDOM};
        for (int i = 0; i < labels.length; i++) {
            double ly = f.top() + 10 + 22 * i;
            c.line(lx, ly, lx + 24, ly, new Stroke(colours[i], 2, i == 1));
            c.text(lx + 32, ly + 4, labels[i], Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }

    private static double sd(Effect e) {
        return Double.isFinite(e.randomSd()) ? e.randomSd() : 0;
    }
}
