package dev.probe.report;

import dev.probe.rank.OracleDiagnostics;
import dev.probe.rank.RankingResult;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Accuracy against the number of neurons (log scale): one keep-only ablation curve per kind of
 * {@link RankingResult#curves()}, the retrained probes of the minimal-set search, the oracle's dev accuracy as a dashed
 * line and the minimal set as a diamond; legend on the right.
 */
final class AccuracyChart {
    private static final double LEGEND_WIDTH = 190;
    private static final List<String> KIND_ORDER = List.of("top", "random", "bottom");
    private static final int[] KIND_COLOURS = {0x1f77b4, 0x7f7f7f, 0xd62728, 0x9467bd, 0x8c564b, 0x17becf};
    private static final int SEARCH = 0x2ca02c;
    private static final int ORACLE = 0x000000;
    private static final int MINIMAL = 0xff7f0e;
    private static final int CONTROL = 0x9467bd;
    private static final int MAJORITY = 0xbcbd22;

    private AccuracyChart() {
    }

    /** One line of points. */
    private record Series(String label, int rgb, double[] x, double[] y) {
    }

    /** How a legend entry is drawn. */
    private enum Look { LINE, DASHED, DIAMOND }

    /** One legend entry. */
    private record Entry(String label, int rgb, Look look) {
    }

    /** Draws the chart of {@code r} onto {@code c}. */
    static void draw(RankingResult r, Canvas c) {
        List<Series> series = series(r);
        double oracle = r.oracle() == null ? Double.NaN : r.oracle().dev();
        RankingResult.MinimalSet minimal = r.minimalSet();
        boolean hasMinimal = minimal != null && minimal.size() > 0 && Double.isFinite(minimal.dev());

        double minX = Double.POSITIVE_INFINITY;
        double maxX = r.inputs() == null ? 0 : r.inputs().neurons();
        double minY = Double.isFinite(oracle) ? oracle : Double.POSITIVE_INFINITY;
        double maxY = Double.isFinite(oracle) ? oracle : Double.NEGATIVE_INFINITY;
        List<Baseline> baselines = baselines(r);
        for (Baseline b : baselines) {
            minY = Math.min(minY, b.level());
            maxY = Math.max(maxY, b.level());
        }
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                minX = Math.min(minX, s.x()[i]);
                maxX = Math.max(maxX, s.x()[i]);
                minY = Math.min(minY, s.y()[i]);
                maxY = Math.max(maxY, s.y()[i]);
            }
        }
        if (hasMinimal) {
            minX = Math.min(minX, minimal.size());
            maxX = Math.max(maxX, minimal.size());
            minY = Math.min(minY, minimal.dev());
            maxY = Math.max(maxY, minimal.dev());
        }
        double xLo = Double.isFinite(minX) ? Math.pow(10, Math.floor(Math.log10(minX))) : 1;
        double xHi = Math.max(maxX, xLo * 10);
        double[] yRange = Axis.accuracyRange(minY, maxY);
        double yLo = yRange[0];
        double yHi = yRange[1];

        ChartFrame f = ChartFrame.of(c, LEGEND_WIDTH);
        Axis x = new Axis(xLo, xHi, true, f.left(), f.right());
        Axis y = new Axis(yLo, yHi, false, f.bottom(), f.top());
        ChartFrame.title(c, "Accuracy vs. number of neurons", subtitle(r));
        f.axes(c, x, x.ticks(8, true), y, y.ticks(6, false), "neurons (log scale)", "dev accuracy");

        List<Entry> legend = new ArrayList<>();
        if (Double.isFinite(oracle)) {
            c.line(f.left(), y.map(oracle), f.right(), y.map(oracle), new Stroke(ORACLE, 1.5, true));
            legend.add(new Entry("oracle, dev " + Fmt.acc(oracle), ORACLE, Look.DASHED));
        }
        for (Baseline b : baselines) {
            c.line(f.left(), y.map(b.level()), f.right(), y.map(b.level()), new Stroke(b.entry().rgb(), 1.2, true));
            legend.add(b.entry());
        }
        for (Series s : series) {
            double[] px = new double[s.x().length];
            double[] py = new double[s.y().length];
            for (int i = 0; i < px.length; i++) {
                px[i] = x.map(s.x()[i]);
                py[i] = y.map(s.y()[i]);
            }
            c.polyline(px, py, Stroke.solid(s.rgb(), 2));
            for (int i = 0; i < px.length && px.length <= 60; i++) {
                c.circle(px[i], py[i], 2.8, s.rgb());
            }
            legend.add(new Entry(s.label(), s.rgb(), Look.LINE));
        }
        if (hasMinimal) {
            diamond(c, x.map(minimal.size()), y.map(minimal.dev()), 7);
            legend.add(new Entry("minimal set, " + minimal.size() + " neurons", MINIMAL, Look.DIAMOND));
        }
        if (legend.isEmpty()) {
            f.note(c, "no accuracies recorded");
        }
        double lx = f.right() + 16;
        for (int i = 0; i < legend.size(); i++) {
            double ly = f.top() + 10 + 22 * i;
            Entry e = legend.get(i);
            if (e.look() == Look.DIAMOND) {
                diamond(c, lx + 12, ly, 6);
            } else {
                c.line(lx, ly, lx + 24, ly, new Stroke(e.rgb(), 2, e.look() == Look.DASHED));
            }
            c.text(lx + 32, ly + 4, Fmt.cut(e.label(), 26), Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }

    /** A horizontal reference line: its legend entry and its accuracy. */
    private record Baseline(Entry entry, double level) {
    }

    /** The control-task and majority-class levels (dev), where the ranking records them. */
    private static List<Baseline> baselines(RankingResult r) {
        List<Baseline> out = new ArrayList<>();
        OracleDiagnostics d = r.diagnostics();
        if (d != null && Double.isFinite(d.controlDev())) {
            out.add(new Baseline(new Entry("control task, dev " + Fmt.acc(d.controlDev()), CONTROL, Look.DASHED),
                    d.controlDev()));
        }
        if (d != null && d.majority() != null && Double.isFinite(d.majority().dev())) {
            out.add(new Baseline(new Entry("majority class, dev " + Fmt.acc(d.majority().dev()), MAJORITY,
                    Look.DASHED), d.majority().dev()));
        }
        return out;
    }

    private static List<Series> series(RankingResult r) {
        List<Series> out = new ArrayList<>();
        Map<String, List<RankingResult.Point>> curves = r.curves() == null ? Map.of() : r.curves();
        List<String> kinds = new ArrayList<>(curves.keySet());
        kinds.sort(Comparator.comparingInt((String k) -> KIND_ORDER.contains(k) ? KIND_ORDER.indexOf(k)
                : KIND_ORDER.size()).thenComparing(Comparator.naturalOrder()));
        for (int i = 0; i < kinds.size(); i++) {
            String kind = kinds.get(i);
            int colour = KIND_ORDER.contains(kind) ? KIND_COLOURS[KIND_ORDER.indexOf(kind)]
                    : KIND_COLOURS[KIND_ORDER.size() + i % (KIND_COLOURS.length - KIND_ORDER.size())];
            add(out, kind + " (keep-only)", colour, curves.get(kind));
        }
        add(out, "top, retrained (search)", SEARCH, r.search());
        return out;
    }

    private static void add(List<Series> out, String label, int rgb, List<RankingResult.Point> points) {
        if (points == null) {
            return;
        }
        List<RankingResult.Point> usable = points.stream()
                .filter(p -> p != null && p.size() > 0 && Double.isFinite(p.dev()))
                .sorted(Comparator.comparingInt(RankingResult.Point::size)).toList();
        if (!usable.isEmpty()) {
            out.add(new Series(label, rgb, usable.stream().mapToDouble(RankingResult.Point::size).toArray(),
                    usable.stream().mapToDouble(RankingResult.Point::dev).toArray()));
        }
    }

    private static void diamond(Canvas c, double cx, double cy, double r) {
        c.polygon(new double[] {cx, cx + r, cx, cx - r}, new double[] {cy - r, cy, cy + r, cy}, MINIMAL);
    }

    static String subtitle(RankingResult r) {
        RankingResult.Inputs in = r.inputs();
        if (in == null) {
            return "";
        }
        return String.join(" · ", List.of(String.valueOf(in.model()), String.valueOf(r.taskName()),
                String.valueOf(in.point()), in.neurons() + " neurons"));
    }
}
