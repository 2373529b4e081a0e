package dev.probe.report;

import dev.probe.atlas.NeuronProfile;
import dev.probe.atlas.NeuronProfile.ClassCounts;
import dev.probe.atlas.NeuronProfile.Histogram;
import dev.probe.atlas.NeuronProfiler;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.List;

/**
 * A neuron's activation histogram split by class ({@link NeuronProfile#histogram()}): one bar per bin, stacked by
 * class in the order of the legend (most frequent class at the bottom), activation on x, words on y.
 */
final class NeuronHistogramChart {
    /** Chart width in pixels. */
    static final int WIDTH = 900;
    /** Chart height in pixels. */
    static final int HEIGHT = 460;
    /** Tableau 10: one colour per class; "other" is grey. */
    private static final int[] PALETTE = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f, 0xedc948, 0xb07aa1,
        0xff9da7, 0x9c755f, 0x86bcb6, 0xd37295, 0xfabfd2};
    private static final int OTHER_RGB = 0xbab0ac;
    private static final double LEGEND = 170;

    private NeuronHistogramChart() {
    }

    /** The colour of the class at {@code index} in the histogram's classes. */
    static int colour(Histogram h, int index) {
        boolean other = index == h.classes().size() - 1 && NeuronProfiler.OTHER.equals(h.classes().get(index).label());
        return other ? OTHER_RGB : PALETTE[index % PALETTE.length];
    }

    /** Draws the histogram of {@code p} onto {@code c}. */
    static void draw(NeuronProfile p, String subtitle, Canvas c) {
        Histogram h = p.histogram();
        ChartFrame f = ChartFrame.of(c, LEGEND);
        long[] totals = new long[h.bins()];
        for (ClassCounts k : h.classes()) {
            for (int b = 0; b < h.bins(); b++) {
                totals[b] += k.counts()[b];
            }
        }
        long max = 0;
        for (long t : totals) {
            max = Math.max(max, t);
        }
        boolean constant = !(h.hi() > h.lo());
        double pad = constant ? Math.max(0.5, Math.abs(h.lo()) * 0.1) : 0;
        Axis x = new Axis(h.lo() - pad, h.hi() + pad, false, f.left(), f.right());
        Axis y = new Axis(0, Math.max(1, max) * 1.08, false, f.bottom(), f.top());
        ChartFrame.title(c, "Neuron " + p.neuron() + ": activations by " + p.labelColumn(), subtitle);
        f.axes(c, x, x.ticks(8, false), y, y.ticks(6, true), "activation", "words");
        if (max == 0) {
            f.note(c, "no words");
            return;
        }
        for (int b = 0; b < h.bins(); b++) {
            double x0 = constant ? x.map(h.lo()) - 12 : x.map(h.lo() + b * h.binWidth());
            double x1 = constant ? x.map(h.lo()) + 12 : x.map(h.lo() + (b + 1) * h.binWidth());
            double gap = Math.min(1, (x1 - x0) * 0.1);
            long below = 0;
            for (int k = 0; k < h.classes().size(); k++) {
                long n = h.classes().get(k).counts()[b];
                if (n > 0) {
                    double top = y.map(below + n);
                    c.rect(x0 + gap, top, Math.max(0.5, x1 - x0 - 2 * gap), y.map(below) - top, colour(h, k), null);
                    below += n;
                }
            }
        }
        if (h.lo() < 0 && h.hi() > 0) {
            c.line(x.map(0), f.top(), x.map(0), f.bottom(), new Stroke(0x333333, 1, true));
        }
        legend(c, f, h);
    }

    /** One swatch and label per class, right of the plot area, with each class's word count. */
    private static void legend(Canvas c, ChartFrame f, Histogram h) {
        Font font = Font.of(12, ChartFrame.TEXT, Anchor.START);
        double lx = f.right() + 16;
        double ly = f.top() + 8;
        c.text(lx, ly, "class (words)", new Font(12, ChartFrame.TEXT, Anchor.START, true, false));
        List<ClassCounts> classes = h.classes();
        for (int k = 0; k < classes.size(); k++) {
            double row = ly + 20 * (k + 1);
            c.rect(lx, row - 10, 12, 12, colour(h, k), Stroke.solid(0x666666, 0.5));
            c.text(lx + 18, row, Fmt.cut(classes.get(k).label(), 14) + " (" + classes.get(k).words() + ")", font);
        }
    }
}
