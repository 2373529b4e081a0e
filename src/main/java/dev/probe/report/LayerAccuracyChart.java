package dev.probe.report;

import dev.probe.rank.LayerTable;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.ArrayList;
import java.util.List;

/**
 * Dev accuracy of the per-layer probes ({@link LayerTable}), one point per layer of the stores on x: the probe on the
 * layer's neurons, the same probe trained on the control task (dashed), the probes on windows of layers (at the
 * window's middle), and the majority-class baseline as a dashed horizontal line; legend on the right.
 */
final class LayerAccuracyChart {
    private static final double LEGEND_WIDTH = 190;
    private static final int PROBE = 0x1f77b4;
    private static final int CONTROL = 0xd62728;
    private static final int WINDOW = 0x2ca02c;
    private static final int MAJORITY = 0x000000;

    private LayerAccuracyChart() {
    }

    /** One line of points; x in layer positions (0 = the stores' first layer). */
    private record Series(String label, int rgb, boolean dashed, List<double[]> points) {
    }

    /** Draws {@code t} onto {@code c}, titled for {@code subtitle} (model, task). */
    static void draw(LayerTable t, String subtitle, Canvas c) {
        List<LayerTable.Row> layers = t.rows().stream().filter(r -> "layer".equals(r.kind())).toList();
        List<Series> series = new ArrayList<>();
        series.add(series("probe on the layer", PROBE, false, layers, false));
        series.add(series("control task", CONTROL, true, layers, true));
        if (t.window() != null) {
            List<LayerTable.Row> windows = t.rows().stream().filter(r -> "window".equals(r.kind())).toList();
            series.add(series("window of " + t.window() + " layers", WINDOW, false, windows, false));
        }
        series.removeIf(s -> s.points().isEmpty());
        double majority = t.majority() == null ? Double.NaN : t.majority().dev();
        double lo = Double.isFinite(majority) ? majority : 1;
        double hi = Double.isFinite(majority) ? majority : 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
        }
        double yLo = lo <= hi ? Math.max(0, Math.floor((lo - 0.02) * 20) / 20) : 0;
        double yHi = lo <= hi ? Math.min(1, Math.ceil((hi + 0.02) * 20) / 20) : 1;
        if (yHi - yLo < 0.1) {
            yLo = Math.max(0, yHi - 0.1);
            yHi = Math.max(yHi, yLo + 0.1);
        }
        ChartFrame f = ChartFrame.of(c, LEGEND_WIDTH);
        int n = Math.max(1, layers.size());
        Axis x = new Axis(-0.5, n - 0.5, false, f.left(), f.right());
        Axis y = new Axis(yLo, yHi, false, f.bottom(), f.top());
        ChartFrame.title(c, "Dev accuracy per layer", subtitle);
        f.axes(c, x, List.of(), y, y.ticks(6, false), "layer", "dev accuracy");
        int labelEvery = Math.max(1, (int) Math.ceil(layers.size() / 32.0));
        Font label = Font.of(11, ChartFrame.MUTED, Anchor.MIDDLE);
        for (int i = 0; i < layers.size(); i += labelEvery) {
            c.text(x.map(i), f.bottom() + 17, String.valueOf(layers.get(i).layers().get(0)), label);
        }
        List<Series> legend = new ArrayList<>();
        if (Double.isFinite(majority)) {
            c.line(f.left(), y.map(majority), f.right(), y.map(majority), new Stroke(MAJORITY, 1.5, true));
            legend.add(new Series("majority class, " + Fmt.acc(majority), MAJORITY, true, List.of()));
        }
        for (Series s : series) {
            double[] px = s.points().stream().mapToDouble(p -> x.map(p[0])).toArray();
            double[] py = s.points().stream().mapToDouble(p -> y.map(p[1])).toArray();
            if (px.length > 1) {
                c.polyline(px, py, new Stroke(s.rgb(), 2, s.dashed()));
            }
            for (int i = 0; i < px.length && px.length <= 60; i++) {
                c.circle(px[i], py[i], 3, s.rgb());
            }
            legend.add(s);
        }
        if (layers.isEmpty()) {
            f.note(c, "no per-layer probes recorded");
        }
        double lx = f.right() + 16;
        for (int i = 0; i < legend.size(); i++) {
            double ly = f.top() + 10 + 22 * i;
            Series s = legend.get(i);
            c.line(lx, ly, lx + 24, ly, new Stroke(s.rgb(), 2, s.dashed()));
            c.text(lx + 32, ly + 4, Fmt.cut(s.label(), 26), Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }

    /** The rows' dev (or control-task dev) accuracies at their layers' middle position, finite ones only. */
    private static Series series(String label, int rgb, boolean dashed, List<LayerTable.Row> rows, boolean control) {
        List<double[]> points = new ArrayList<>();
        int position = 0;
        for (LayerTable.Row r : rows) {
            double value = control ? r.controlDev() : r.dev();
            double middle = "window".equals(r.kind()) ? position + (r.layers().size() - 1) / 2.0 : position;
            if (Double.isFinite(value)) {
                points.add(new double[] {middle, value});
            }
            position++;
        }
        return new Series(label, rgb, dashed, points);
    }
}
