package dev.probe.report;

import dev.probe.rank.BenchResult;
import dev.probe.rank.RankerBenchmark;
import dev.probe.report.Canvas.Anchor;
import dev.probe.report.Canvas.Font;
import dev.probe.report.Canvas.Stroke;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of a ranker benchmark: {@code bench.md}, a self-contained {@code bench.html}, and the chart of retrained
 * accuracy against the number of top neurons, one line per method ({@code bench.svg}, {@code bench.png}).
 */
public final class BenchReport {
    private static final int[] COLOURS = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0xbcbd22, 0x17becf, 0x393b79, 0x637939};
    private static final int RANDOM = 0x7f7f7f;

    private BenchReport() {
    }

    /** Writes the report files into {@code dir}. */
    public static void write(BenchResult r, Path dir) throws IOException {
        SvgCanvas svg = new SvgCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT);
        chart(r, svg);
        Files.writeString(dir.resolve("bench.svg"), svg.document(), StandardCharsets.UTF_8);
        try (PngCanvas png = new PngCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT)) {
            chart(r, png);
            png.write(dir.resolve("bench.png"));
        }
        List<Section> sections = sections(r);
        String title = title(r);
        StringBuilder md = new StringBuilder("# ").append(Fmt.md(title)).append("\n\n").append(Fmt.md(meta(r)))
                .append("\n\n![bench chart](bench.png)\n\n");
        StringBuilder body = new StringBuilder("<figure>\n").append(svg.element()).append("<figcaption>")
                .append(Fmt.html(CAPTION)).append("</figcaption>\n</figure>\n");
        for (Section s : sections) {
            md.append(s.markdown());
            body.append(s.html());
        }
        Files.writeString(dir.resolve("bench.md"), md.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bench.html"), ReportWriter.document(title, meta(r), body.toString()),
                StandardCharsets.UTF_8);
    }

    private static final String CAPTION = "Accuracy of a probe retrained on each method's top neurons, against "
            + "the number of neurons (log scale); grey: uniform random sets of the same sizes.";

    static String title(BenchResult r) {
        return r.inputs() == null ? "Ranker benchmark" : "Ranker benchmark: " + r.inputs().model() + " · "
                + r.inputs().labelColumn();
    }

    private static String meta(BenchResult r) {
        return String.format(Locale.ROOT, "From bench.json (format %d) on %s by %s %s; λ1 = %s, λ2 = %s, seed %d; "
                + "%.0f s in all. Accuracies are fractions in [0, 1].", r.formatVersion(), r.tool().createdAt(),
                r.tool().name(), r.tool().version(), Fmt.num(r.l1()), Fmt.num(r.l2()), r.seed(), r.seconds());
    }

    private static boolean hasTest(BenchResult r) {
        return r.methods().stream().flatMap(m -> m.sizes().stream()).anyMatch(s -> Double.isFinite(s.test()));
    }

    static List<Section> sections(BenchResult r) {
        boolean test = hasTest(r);
        List<Section> out = new ArrayList<>();
        out.add(table(r, "Retrained accuracy of the top neurons (" + (test ? "test" : "dev") + ")",
                "A probe trained on the method's top n neurons alone (n fixed, then a share of all neurons); * marks"
                        + " a probe that stopped before the optimality threshold.", s -> Fmt.acc(test ? s.test() : s.dev())
                        + (s.converged() ? "" : "*")));
        out.add(table(r, "Mean selectivity of the top neurons (dev)", "Fan et al.'s selectivity |μ⁺ − μ⁻| / (max − "
                + "min), the largest over the classes, averaged over the set.", s -> Fmt.fixed(s.selectivity(), 4)));
        out.add(table(r, "AvgOverlap", "Mean Jaccard overlap of the method's top n with every other method's top n.",
                s -> Fmt.fixed(s.avgOverlap(), 3)));
        out.add(table(r, "Overlap with the Borda consensus", "Jaccard overlap of the method's top n with the top n of "
                + "the Borda-count consensus of all methods.", s -> Fmt.fixed(s.consensusOverlap(), 3)));
        List<List<String>> times = new ArrayList<>();
        for (BenchResult.MethodRow m : r.methods()) {
            times.add(List.of(m.method(), Fmt.fixed(m.rankSeconds(), 1), Fmt.fixed(m.retrainSeconds(), 1)));
        }
        out.add(new Section("Time", List.of("Seconds to rank (for lca, lasso, ridge and noreg: to train their probe; "
                + "lca's is the oracle) and to retrain the probes of the top sets."),
                new Table(List.of("method", "rank s", "retrain s"), "lrr", times)));
        return out;
    }

    private static Section table(BenchResult r, String title, String note,
            java.util.function.Function<BenchResult.SizeRow, String> cell) {
        List<String> header = new ArrayList<>(List.of("method"));
        StringBuilder align = new StringBuilder("l");
        for (BenchResult.SizeRow s : r.methods().get(0).sizes()) {
            header.add(s.label().endsWith("%") ? s.label() + " (" + s.neurons() + ")" : s.label());
            align.append('r');
        }
        List<List<String>> rows = new ArrayList<>();
        for (BenchResult.MethodRow m : r.methods()) {
            List<String> row = new ArrayList<>(List.of(m.method()));
            m.sizes().forEach(s -> row.add(cell.apply(s)));
            rows.add(row);
        }
        return new Section(title, List.of(note), new Table(header, align.toString(), rows));
    }

    static void chart(BenchResult r, Canvas c) {
        boolean test = hasTest(r);
        double minY = 1;
        double maxY = 0;
        double maxX = 10;
        for (BenchResult.MethodRow m : r.methods()) {
            for (BenchResult.SizeRow s : m.sizes()) {
                double v = test ? s.test() : s.dev();
                if (Double.isFinite(v)) {
                    minY = Math.min(minY, v);
                    maxY = Math.max(maxY, v);
                }
                maxX = Math.max(maxX, s.neurons());
            }
        }
        double yLo = Math.max(0, Math.floor((minY - 0.02) * 20) / 20);
        double yHi = Math.min(1, Math.ceil((maxY + 0.02) * 20) / 20);
        if (!(yHi > yLo)) {
            yLo = 0;
            yHi = 1;
        }
        ChartFrame f = ChartFrame.of(c, 150);
        Axis x = new Axis(RankerBenchmark.SIZES[0], Math.max(maxX, 100), true, f.left(), f.right());
        Axis y = new Axis(yLo, yHi, false, f.bottom(), f.top());
        ChartFrame.title(c, "Retrained accuracy of each method's top neurons", title(r));
        f.axes(c, x, x.ticks(8, true), y, y.ticks(6, false), "top neurons (log scale)",
                (test ? "test" : "dev") + " accuracy");
        for (int i = 0; i < r.methods().size(); i++) {
            BenchResult.MethodRow m = r.methods().get(i);
            boolean random = RankerBenchmark.RANDOM.equals(m.method());
            int rgb = random ? RANDOM : COLOURS[i % COLOURS.length];
            List<BenchResult.SizeRow> sorted = m.sizes().stream()
                    .filter(s -> Double.isFinite(test ? s.test() : s.dev()))
                    .sorted(java.util.Comparator.comparingInt(BenchResult.SizeRow::neurons)).toList();
            double[] px = sorted.stream().mapToDouble(s -> x.map(s.neurons())).toArray();
            double[] py = sorted.stream().mapToDouble(s -> y.map(test ? s.test() : s.dev())).toArray();
            c.polyline(px, py, new Stroke(rgb, 2, random));
            for (int k = 0; k < px.length; k++) {
                c.circle(px[k], py[k], 2.5, rgb);
            }
            double ly = f.top() + 10 + 20 * i;
            c.line(f.right() + 16, ly, f.right() + 40, ly, new Stroke(rgb, 2, random));
            c.text(f.right() + 48, ly + 4, m.method(), Font.of(12, ChartFrame.TEXT, Anchor.START));
        }
    }
}
