package dev.probe.report;

import dev.probe.rank.LayerDistribution;
import dev.probe.rank.RankingResult;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.List;

/**
 * Small multiples of the minimal sets' neurons per layer: one panel per model × task, side by side in rows of up to
 * three, all on the same y scale so the panels compare at a glance. Bars take the task's colour of
 * {@link ComparisonAccuracyChart}.
 */
final class ComparisonLayerChart {
    /** Canvas width. */
    static final int WIDTH = 1000;
    private static final int COLUMNS = 3;
    private static final int PANEL_HEIGHT = 210;
    private static final int TOP = 58;

    private ComparisonLayerChart() {
    }

    /** The canvas height for {@code rows} rankings. */
    static int height(int rows) {
        int lines = Math.max(1, (rows + columns(rows) - 1) / columns(rows));
        return TOP + lines * PANEL_HEIGHT + 30;
    }

    private static int columns(int rows) {
        return Math.max(1, Math.min(COLUMNS, rows));
    }

    /** Draws the panels of {@code runs} onto {@code c}. */
    static void draw(List<Comparison.Run> runs, Canvas c) {
        List<ComparisonAccuracyChart.Look> looks = ComparisonAccuracyChart.looks(runs);
        int max = 0;
        for (Comparison.Run r : runs) {
            max = Math.max(max, counts(r.ranking()).stream().mapToInt(LayerDistribution.Layer::count).max().orElse(0));
        }
        ChartFrame.title(c, "Layer distributions of the minimal sets", "neurons per layer · every panel on the same "
                + "scale (0 to " + max + ")");
        if (runs.isEmpty()) {
            c.text(c.width() / 2.0, TOP + PANEL_HEIGHT / 2.0, "no rankings",
                    Font.of(14, ChartFrame.MUTED, Anchor.MIDDLE));
            return;
        }
        int columns = columns(runs.size());
        double panelWidth = (c.width() - 20.0) / columns;
        for (int i = 0; i < runs.size(); i++) {
            double x0 = 10 + panelWidth * (i % columns);
            double y0 = TOP + PANEL_HEIGHT * (i / columns);
            ChartFrame f = new ChartFrame(x0 + 48, y0 + 26, x0 + panelWidth - 12, y0 + PANEL_HEIGHT - 40);
            panel(c, f, runs.get(i).ranking(), looks.get(i), max);
        }
    }

    private static List<LayerDistribution.Layer> counts(RankingResult r) {
        return r.layers() == null || r.layers().counts() == null ? List.of() : r.layers().counts();
    }

    private static void panel(Canvas c, ChartFrame f, RankingResult r, ComparisonAccuracyChart.Look look, int max) {
        List<LayerDistribution.Layer> counts = counts(r);
        int total = counts.stream().mapToInt(LayerDistribution.Layer::count).sum();
        c.text((f.left() + f.right()) / 2, f.top() - 10, Fmt.cut(look.label(), 40) + " (" + total + ")",
                new Font(12, ChartFrame.TEXT, Anchor.MIDDLE, true, false));
        Axis y = new Axis(0, Math.max(1, max) * 1.1, false, f.bottom(), f.top());
        Font tick = Font.of(10, ChartFrame.MUTED, Anchor.END);
        List<Double> ticks = y.ticks(4, true);
        List<String> labels = Axis.labels(ticks);
        for (int i = 0; i < ticks.size(); i++) {
            double py = y.map(ticks.get(i));
            c.line(f.left(), py, f.right(), py, Stroke.solid(ChartFrame.GRID, 1));
            c.text(f.left() - 5, py + 3.5, labels.get(i), tick);
        }
        c.line(f.left(), f.bottom(), f.right(), f.bottom(), Stroke.solid(ChartFrame.FRAME, 1));
        c.line(f.left(), f.top(), f.left(), f.bottom(), Stroke.solid(ChartFrame.FRAME, 1));
        c.text((f.left() + f.right()) / 2, f.bottom() + 30, "layer", Font.of(11, ChartFrame.TEXT, Anchor.MIDDLE));
        if (counts.isEmpty()) {
            c.text((f.left() + f.right()) / 2, (f.top() + f.bottom()) / 2, "no layer distribution recorded",
                    Font.of(11, ChartFrame.MUTED, Anchor.MIDDLE));
            return;
        }
        double band = (f.right() - f.left()) / counts.size();
        int labelEvery = Math.max(1, (int) Math.ceil(counts.size() / 12.0));
        Font label = Font.of(10, ChartFrame.MUTED, Anchor.MIDDLE);
        for (int i = 0; i < counts.size(); i++) {
            LayerDistribution.Layer layer = counts.get(i);
            double cx = f.left() + band * (i + 0.5);
            if (layer.count() > 0) {
                double top = y.map(layer.count());
                c.rect(cx - band * 0.36, top, band * 0.72, f.bottom() - top, look.rgb(), null);
                if (counts.size() <= 16) {
                    c.text(cx, top - 3, Integer.toString(layer.count()), Font.of(9, ChartFrame.TEXT, Anchor.MIDDLE));
                }
            }
            if (i % labelEvery == 0) {
                c.text(cx, f.bottom() + 14, Integer.toString(layer.layer()), label);
            }
        }
    }
}
