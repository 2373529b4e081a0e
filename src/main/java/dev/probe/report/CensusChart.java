package dev.probe.report;

import dev.probe.atlas.Census;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import java.util.List;

/**
 * The census per layer as grouped bars: for each layer of the store (x), the number of dead neurons, token detectors,
 * n-gram detectors and positional neurons side by side; legend on the right.
 */
final class CensusChart {
    static final List<String> KINDS = List.of("dead", "token detectors", "n-gram detectors", "positional");
    private static final int[] COLOURS = {0x7f7f7f, 0x1f77b4, 0xff7f0e, 0x2ca02c};
    private static final double LEGEND_WIDTH = 150;

    private CensusChart() {
    }

    /** The four counts of a layer, in {@link #KINDS} order. */
    static int[] counts(Census.Layer l) {
        return new int[] {l.dead(), l.tokenDetectors(), l.ngramDetectors(), l.positional()};
    }

    /** Draws the census onto {@code c}. */
    static void draw(Census census, Canvas c) {
        List<Census.Layer> layers = census.layers();
        int max = 0;
        for (Census.Layer l : layers) {
            for (int v : counts(l)) {
                max = Math.max(max, v);
            }
        }
        ChartFrame f = ChartFrame.of(c, LEGEND_WIDTH);
        Axis y = new Axis(0, Math.max(1, max) * 1.12, false, f.bottom(), f.top());
        Axis x = new Axis(0, Math.max(1, layers.size()), false, f.left(), f.right());
        int width = layers.isEmpty() ? 0 : layers.get(0).neurons();
        ChartFrame.title(c, "Neuron census per layer", census.model().spec() + " · " + census.point() + " · "
                + width + " neurons per layer · " + census.store().rows() + " words");
        f.axes(c, x, List.of(), y, y.ticks(6, true), "layer", "neurons");
        if (layers.isEmpty() || max == 0) {
            f.note(c, layers.isEmpty() ? "no layers" : "no neuron of any kind in any layer");
        }
        double band = (f.right() - f.left()) / Math.max(1, layers.size());
        double bar = band * 0.8 / KINDS.size();
        int labelEvery = Math.max(1, (int) Math.ceil(layers.size() / 32.0));
        Font label = Font.of(11, ChartFrame.MUTED, Anchor.MIDDLE);
        Font value = Font.of(9, ChartFrame.TEXT, Anchor.MIDDLE);
        for (int i = 0; i < layers.size(); i++) {
            int[] v = counts(layers.get(i));
            double x0 = f.left() + band * i + band * 0.1;
            for (int k = 0; k < v.length; k++) {
                if (v[k] > 0) {
                    double top = y.map(v[k]);
                    c.rect(x0 + bar * k, top, bar * 0.92, f.bottom() - top, COLOURS[k], null);
                    if (layers.size() <= 13 && bar >= 12) {
                        c.text(x0 + bar * (k + 0.46), top - 3, Integer.toString(v[k]), value);
                    }
                }
            }
            if (i % labelEvery == 0) {
                c.text(f.left() + band * (i + 0.5), f.bottom() + 17, Integer.toString(layers.get(i).layer()), label);
            }
        }
        double lx = f.right() + 16;
        for (int k = 0; k < KINDS.size(); k++) {
            double ly = f.top() + 10 + 22 * k;
            c.rect(lx, ly - 7, 14, 14, COLOURS[k], null);
            c.text(lx + 22, ly + 4, KINDS.get(k), Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }
}
