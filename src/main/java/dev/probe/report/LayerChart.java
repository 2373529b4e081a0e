package dev.probe.report;

import dev.probe.rank.LayerDistribution;
import dev.probe.rank.RankingResult;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import java.util.List;

/** A histogram of the minimal set's neurons per layer ({@link RankingResult.Layers#counts()}), layer index on x. */
final class LayerChart {
    private static final int BAR = 0x4c78a8;

    private LayerChart() {
    }

    /** Draws the chart of {@code r} onto {@code c}. */
    static void draw(RankingResult r, Canvas c) {
        List<LayerDistribution.Layer> counts = r.layers() == null || r.layers().counts() == null ? List.of()
                : r.layers().counts();
        int max = counts.stream().mapToInt(LayerDistribution.Layer::count).max().orElse(0);
        int total = counts.stream().mapToInt(LayerDistribution.Layer::count).sum();
        ChartFrame f = ChartFrame.of(c, 0);
        Axis y = new Axis(0, Math.max(1, max) * 1.1, false, f.bottom(), f.top());
        Axis x = new Axis(0, Math.max(1, counts.size()), false, f.left(), f.right());
        String subtitle = r.layers() == null ? "" : "entropy " + Fmt.fixed(r.layers().entropy(), 2) + " of "
                + Fmt.fixed(r.layers().maxEntropy(), 2) + " bits · bottom / middle / top third "
                + Fmt.pct(r.layers().bottomThird()) + " / " + Fmt.pct(r.layers().middleThird()) + " / "
                + Fmt.pct(r.layers().topThird());
        String names = AccuracyChart.subtitle(r);
        ChartFrame.title(c, "Minimal set per layer (" + total + " neurons)" + (names.isEmpty() ? "" : ": " + names),
                subtitle);
        f.axes(c, x, List.of(), y, y.ticks(6, true), "layer", "neurons");
        if (counts.isEmpty()) {
            f.note(c, "no layer distribution recorded");
            return;
        }
        double band = (f.right() - f.left()) / counts.size();
        int labelEvery = Math.max(1, (int) Math.ceil(counts.size() / 32.0));
        Font label = Font.of(11, ChartFrame.MUTED, Anchor.MIDDLE);
        Font value = Font.of(10, ChartFrame.TEXT, Anchor.MIDDLE);
        for (int i = 0; i < counts.size(); i++) {
            LayerDistribution.Layer layer = counts.get(i);
            double cx = f.left() + band * (i + 0.5);
            double top = y.map(layer.count());
            if (layer.count() > 0) {
                c.rect(cx - band * 0.36, top, band * 0.72, f.bottom() - top, BAR, null);
                if (counts.size() <= 40) {
                    c.text(cx, top - 4, Integer.toString(layer.count()), value);
                }
            }
            if (i % labelEvery == 0) {
                c.text(cx, f.bottom() + 17, Integer.toString(layer.layer()), label);
            }
        }
    }
}
