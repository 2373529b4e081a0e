package dev.probe.report;

import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.List;

/**
 * The plot area of a chart and the parts around it every chart shares: title, grid, frame, ticks and axis titles.
 *
 * @param left x of the plot area's left edge
 * @param top y of its top edge
 * @param right x of its right edge
 * @param bottom y of its bottom edge
 */
record ChartFrame(double left, double top, double right, double bottom) {
    static final int TEXT = 0x222222;
    static final int MUTED = 0x555555;
    static final int GRID = 0xe3e3e3;
    static final int FRAME = 0x888888;

    /** The plot area of a canvas, leaving {@code legendWidth} pixels on the right for a legend. */
    static ChartFrame of(Canvas c, double legendWidth) {
        return new ChartFrame(70, 58, c.width() - 20 - legendWidth, c.height() - 56);
    }

    /** A bold title and a muted subtitle above the plot area. */
    static void title(Canvas c, String title, String subtitle) {
        c.text(c.width() / 2.0, 24, Fmt.cut(title, 90), new Font(16, TEXT, Anchor.MIDDLE, true, false));
        if (subtitle != null && !subtitle.isEmpty()) {
            c.text(c.width() / 2.0, 43, Fmt.cut(subtitle, 110), Font.of(12, MUTED, Anchor.MIDDLE));
        }
    }

    /**
     * Grid lines and labels at the ticks, the frame, and the axis titles.
     *
     * @param xTicks ticks of {@code x}, or an empty list when the caller labels a categorical x axis itself
     */
    void axes(Canvas c, Axis x, List<Double> xTicks, Axis y, List<Double> yTicks, String xTitle, String yTitle) {
        Font tick = Font.of(11, MUTED, Anchor.MIDDLE);
        Font yTick = Font.of(11, MUTED, Anchor.END);
        Stroke grid = Stroke.solid(GRID, 1);
        List<String> yLabels = Axis.labels(yTicks);
        for (int i = 0; i < yTicks.size(); i++) {
            double py = y.map(yTicks.get(i));
            c.line(left, py, right, py, grid);
            c.line(left - 4, py, left, py, Stroke.solid(FRAME, 1));
            c.text(left - 7, py + 4, yLabels.get(i), yTick);
        }
        List<String> xLabels = Axis.labels(xTicks);
        for (int i = 0; i < xTicks.size(); i++) {
            double px = x.map(xTicks.get(i));
            c.line(px, top, px, bottom, grid);
            c.line(px, bottom, px, bottom + 4, Stroke.solid(FRAME, 1));
            c.text(px, bottom + 17, xLabels.get(i), tick);
        }
        c.line(left, top, left, bottom, Stroke.solid(FRAME, 1));
        c.line(left, bottom, right, bottom, Stroke.solid(FRAME, 1));
        c.line(left, top, right, top, Stroke.solid(GRID, 1));
        c.line(right, top, right, bottom, Stroke.solid(GRID, 1));
        c.text((left + right) / 2, bottom + 40, xTitle, Font.of(13, TEXT, Anchor.MIDDLE));
        c.text(18, (top + bottom) / 2, yTitle, new Font(13, TEXT, Anchor.MIDDLE, false, true));
    }

    /** A centred muted note inside the plot area, for a chart without data. */
    void note(Canvas c, String text) {
        c.text((left + right) / 2, (top + bottom) / 2, text, Font.of(14, MUTED, Anchor.MIDDLE));
    }
}
