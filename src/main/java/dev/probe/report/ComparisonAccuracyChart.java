package dev.probe.report;

import dev.probe.rank.RankingResult;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dev accuracy against the share of all neurons (log scale), one series per model × task: the retrained probes of the
 * minimal-set search as a line with markers, the oracle as a dashed level, the control-task level (oracle dev minus
 * selectivity, where recorded) as a thin dotted level, and the minimal set as a large outlined marker. Colour tells
 * the task, line style and marker shape the model; legend on the right.
 *
 * <p>The x axis is the share of the model's neurons, not their count, so that models of different sizes line up; it is
 * logarithmic because minimal sets are a few percent of the neurons and the search points crowd there.
 */
final class ComparisonAccuracyChart {
    /** Canvas width. */
    static final int WIDTH = 1000;
    /** Canvas height. */
    static final int HEIGHT = 560;
    private static final double LEGEND_WIDTH = 250;
    /** Tableau 10: one colour per task. */
    static final List<Integer> TASK_COLOURS = List.of(0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b,
            0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf);

    private ComparisonAccuracyChart() {
    }

    /** Marker shapes, one per model (cycled). */
    enum Shape { CIRCLE, SQUARE, TRIANGLE, DIAMOND }

    /**
     * How one model × task is drawn.
     *
     * @param label {@code model · task}
     * @param rgb the task's colour
     * @param dashed the model's line style
     * @param shape the model's marker
     */
    record Look(String label, int rgb, boolean dashed, Shape shape) {
    }

    /** The look of each run, in order: colours by task (first seen first), line style and marker by model. */
    static List<Look> looks(List<Comparison.Run> runs) {
        Map<String, Integer> tasks = new LinkedHashMap<>();
        Map<String, Integer> models = new LinkedHashMap<>();
        List<Look> out = new ArrayList<>();
        for (Comparison.Run r : runs) {
            int t = tasks.computeIfAbsent(r.task(), k -> tasks.size());
            int m = models.computeIfAbsent(r.model(), k -> models.size());
            out.add(new Look(OverlapMatrix.label(r.model(), r.task()), TASK_COLOURS.get(t % TASK_COLOURS.size()),
                    m % 2 == 1, Shape.values()[m % Shape.values().length]));
        }
        return out;
    }

    /** One series in data units: x as a percentage of all neurons. */
    private static final int MAJORITY = 0x8c8c8c;

    private record Series(Look look, double[] x, double[] y, double oracle, double control, double minimalX,
            double minimalY) {
    }

    /** Draws the chart of {@code runs} onto {@code c}. */
    static void draw(List<Comparison.Run> runs, Canvas c) {
        List<Look> looks = looks(runs);
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(series(runs.get(i).ranking(), looks.get(i)));
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                minX = Math.min(minX, s.x()[i]);
                minY = Math.min(minY, s.y()[i]);
                maxY = Math.max(maxY, s.y()[i]);
            }
            for (double level : new double[] {s.oracle(), s.control(), s.minimalY()}) {
                if (Double.isFinite(level)) {
                    minY = Math.min(minY, level);
                    maxY = Math.max(maxY, level);
                }
            }
            if (Double.isFinite(s.minimalX())) {
                minX = Math.min(minX, s.minimalX());
            }
        }
        Map<String, Double> majority = majority(runs);
        for (double level : majority.values()) {
            minY = Math.min(minY, level);
            maxY = Math.max(maxY, level);
        }
        double xLo = Double.isFinite(minX) ? Math.min(10, Math.pow(10, Math.floor(Math.log10(minX)))) : 1;
        double[] yRange = Axis.accuracyRange(minY, maxY);
        double yLo = yRange[0];
        double yHi = yRange[1];
        ChartFrame f = ChartFrame.of(c, LEGEND_WIDTH);
        Axis x = new Axis(xLo, 100, true, f.left(), f.right());
        Axis y = new Axis(yLo, yHi, false, f.bottom(), f.top());
        ChartFrame.title(c, "Accuracy against neurons", runs.size() + (runs.size() == 1 ? " ranking" : " rankings")
                + " · retrained probes of the minimal-set search");
        f.axes(c, x, List.of(), y, y.ticks(6, false), "share of all neurons (%, log scale)", "dev accuracy");
        xTicks(c, f, x);
        if (series.stream().allMatch(s -> s.x().length == 0 && !Double.isFinite(s.oracle()))) {
            f.note(c, "no accuracies recorded");
        }
        Font small = Font.of(10, ChartFrame.MUTED, Anchor.START);
        int label = 0;
        for (Map.Entry<String, Double> e : majority.entrySet()) { // labels side by side: close levels must not overlap
            double py = y.map(e.getValue());
            c.line(f.left(), py, f.right(), py, Stroke.solid(MAJORITY, 1));
            c.text(f.left() + 6 + 150 * (label++ % 3), py - 4, "majority · " + Fmt.cut(e.getKey(), 16), small);
        }
        for (Series s : series) {
            int rgb = s.look().rgb();
            if (Double.isFinite(s.control()) && y.shows(s.control())) {
                dotted(c, f.left(), f.right(), y.map(s.control()), rgb);
            }
            if (Double.isFinite(s.oracle()) && y.shows(s.oracle())) {
                c.line(f.left(), y.map(s.oracle()), f.right(), y.map(s.oracle()), new Stroke(rgb, 1.2, true));
            }
        }
        for (Series s : series) {
            double[] px = new double[s.x().length];
            double[] py = new double[s.y().length];
            for (int i = 0; i < px.length; i++) {
                px[i] = x.map(s.x()[i]);
                py[i] = y.map(s.y()[i]);
            }
            if (px.length > 1) {
                c.polyline(px, py, new Stroke(s.look().rgb(), 2, s.look().dashed()));
            }
            for (int i = 0; i < px.length; i++) {
                marker(c, s.look().shape(), px[i], py[i], 3.5, s.look().rgb());
            }
            if (Double.isFinite(s.minimalX()) && Double.isFinite(s.minimalY()) && x.shows(s.minimalX())) {
                marker(c, s.look().shape(), x.map(s.minimalX()), y.map(s.minimalY()), 9, ChartFrame.TEXT);
                marker(c, s.look().shape(), x.map(s.minimalX()), y.map(s.minimalY()), 6.5, s.look().rgb());
            }
        }
        legend(c, f, series);
    }

    /** Grid lines and labels at the x ticks, each label with its own decimals ("0.1", "1", "10", "100"). */
    private static void xTicks(Canvas c, ChartFrame f, Axis x) {
        Font tick = Font.of(11, ChartFrame.MUTED, Anchor.MIDDLE);
        for (double v : x.ticks(8, false)) {
            double px = x.map(v);
            if (px > f.left() + 0.5 && px < f.right() - 0.5) { // not over the frame
                c.line(px, f.top(), px, f.bottom(), Stroke.solid(ChartFrame.GRID, 1));
            }
            c.line(px, f.bottom(), px, f.bottom() + 4, Stroke.solid(ChartFrame.FRAME, 1));
            c.text(px, f.bottom() + 17, Fmt.num(v), tick);
        }
    }

    /** Per task, the majority-class dev accuracy its rankings record (the first one found). */
    private static Map<String, Double> majority(List<Comparison.Run> runs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Comparison.Run run : runs) {
            RankingResult r = run.ranking();
            if (r.diagnostics() != null && r.diagnostics().majority() != null
                    && Double.isFinite(r.diagnostics().majority().dev())) {
                out.putIfAbsent(run.task(), r.diagnostics().majority().dev());
            }
        }
        return out;
    }

    private static Series series(RankingResult r, Look look) {
        int total = r.inputs() == null ? 0 : r.inputs().neurons();
        List<RankingResult.Point> usable = total <= 0 || r.search() == null ? List.of() : r.search().stream()
                .filter(p -> p != null && p.size() > 0 && p.size() <= total && Double.isFinite(p.dev()))
                .sorted(Comparator.comparingInt(RankingResult.Point::size)).toList();
        double[] xs = usable.stream().mapToDouble(p -> 100.0 * p.size() / total).toArray();
        double[] ys = usable.stream().mapToDouble(RankingResult.Point::dev).toArray();
        double oracle = r.oracle() == null ? Double.NaN : r.oracle().dev();
        double control = r.oracle() == null ? Double.NaN : oracle - r.oracle().selectivity();
        RankingResult.MinimalSet m = r.minimalSet();
        boolean hasMinimal = m != null && m.size() > 0 && total > 0 && Double.isFinite(m.dev());
        return new Series(look, xs, ys, oracle, Double.isFinite(control) ? control : Double.NaN,
                hasMinimal ? 100.0 * m.size() / total : Double.NaN, hasMinimal ? m.dev() : Double.NaN);
    }

    private static void legend(Canvas c, ChartFrame f, List<Series> series) {
        double lx = f.right() + 16;
        double ly = f.top() + 8;
        Font font = Font.of(12, ChartFrame.TEXT, Anchor.START);
        int max = Math.max(1, (int) ((f.bottom() - f.top() - 100) / 20));
        for (int i = 0; i < series.size() && i < max; i++) {
            Look look = series.get(i).look();
            c.line(lx, ly, lx + 28, ly, new Stroke(look.rgb(), 2, look.dashed()));
            marker(c, look.shape(), lx + 14, ly, 3.5, look.rgb());
            c.text(lx + 36, ly + 4, Fmt.cut(look.label(), 28), font);
            ly += 20;
        }
        if (series.size() > max) {
            c.text(lx, ly + 4, "… " + (series.size() - max) + " more", Font.of(12, ChartFrame.MUTED, Anchor.START));
            ly += 20;
        }
        ly += 10;
        c.line(lx, ly, lx + 28, ly, new Stroke(ChartFrame.MUTED, 1.2, true));
        c.text(lx + 36, ly + 4, "oracle (all neurons)", font);
        ly += 20;
        dotted(c, lx, lx + 28, ly, ChartFrame.MUTED);
        c.text(lx + 36, ly + 4, "control task (oracle − selectivity)", Font.of(11, ChartFrame.TEXT, Anchor.START));
        ly += 20;
        marker(c, Shape.CIRCLE, lx + 14, ly, 9, ChartFrame.TEXT);
        marker(c, Shape.CIRCLE, lx + 14, ly, 6.5, ChartFrame.MUTED);
        c.text(lx + 36, ly + 4, "minimal set", font);
    }

    /** A thin dotted horizontal line: short dashes one pixel wide, as the Canvas has only solid and dashed strokes. */
    static void dotted(Canvas c, double x0, double x1, double y, int rgb) {
        Stroke dot = Stroke.solid(rgb, 1);
        for (double x = x0; x < x1; x += 5) {
            c.line(x, y, Math.min(x1, x + 1.6), y, dot);
        }
    }

    /** A filled marker of {@code shape} with "radius" {@code r} centred on {@code (cx, cy)}. */
    static void marker(Canvas c, Shape shape, double cx, double cy, double r, int rgb) {
        switch (shape) {
            case CIRCLE -> c.circle(cx, cy, r, rgb);
            case SQUARE -> c.rect(cx - r * 0.85, cy - r * 0.85, r * 1.7, r * 1.7, rgb, null);
            case TRIANGLE -> c.polygon(new double[] {cx, cx + r, cx - r},
                    new double[] {cy - r, cy + r * 0.8, cy + r * 0.8}, rgb);
            case DIAMOND -> c.polygon(new double[] {cx, cx + r, cx, cx - r}, new double[] {cy - r, cy, cy + r, cy},
                    rgb);
        }
    }
}
