package dev.probe.report;

import dev.probe.rank.LayerProbesResult;
import dev.probe.rank.LayerTable;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-layer probes as a report section (table and chart), shared by {@code layers.html} and the rank report
 * ({@code probe rank --per-layer}).
 */
final class LayerReport {
    /** The section's title. */
    static final String TITLE = "Per-layer probes";
    /** The chart's caption. */
    static final String CAPTION = "Dev accuracy of a probe on each layer's neurons alone, of the same probe trained on"
            + " the control task, and of always predicting the majority class.";

    private LayerReport() {
    }

    /** The chart drawn as SVG. */
    static SvgCanvas svg(LayerTable t, String subtitle) {
        SvgCanvas svg = new SvgCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT);
        LayerAccuracyChart.draw(t, subtitle, svg);
        return svg;
    }

    /** The chart as a PNG image. */
    static void png(LayerTable t, String subtitle, java.nio.file.Path file) throws java.io.IOException {
        try (PngCanvas png = new PngCanvas(ReportWriter.WIDTH, ReportWriter.HEIGHT)) {
            LayerAccuracyChart.draw(t, subtitle, png);
            png.write(file);
        }
    }

    /** The notes and table (without the chart). */
    static Section section(LayerTable t, double delta) {
        List<String> notes = new ArrayList<>();
        LayerTable.Majority m = t.majority();
        notes.add("Each row is a probe trained on the neurons of one layer" + (t.window() == null ? ""
                : " (or of a window of " + t.window() + " adjacent layers of the stores)") + ", with the same settings"
                + " as every other probe. Selectivity is its dev accuracy minus that of the same probe trained on"
                + " control-task labels (– without a control task). The minimal set is the smallest prefix of the"
                + " row's own LCA ordering whose retrained probe stays within δ = " + Fmt.fixed(delta, 2)
                + " accuracy points of the row's probe on dev. † marks a probe that stopped before the optimality"
                + " threshold.");
        if (m != null) {
            notes.add("Majority class '" + m.label() + "' (" + Fmt.pct(m.train()) + " of training): dev "
                    + Fmt.acc(m.dev()) + ", test " + Fmt.acc(m.test()) + ".");
        }
        List<List<String>> rows = new ArrayList<>();
        for (LayerTable.Row r : t.rows()) {
            RankingResult.MinimalSet s = r.minimalSet();
            boolean stopped = r.convergence() != null && !r.convergence().converged();
            rows.add(List.of(r.name(), Integer.toString(r.neurons()),
                    Fmt.acc(r.dev()) + (stopped ? ConvergenceSection.MARK : ""), Fmt.acc(r.test()),
                    Fmt.acc(r.controlDev()), Fmt.acc(r.selectivity()),
                    s == null ? Fmt.MISSING : s.size() + " (" + Fmt.pct(s.fraction()) + ")",
                    s == null ? Fmt.MISSING : Fmt.acc(s.dev()), s == null ? Fmt.MISSING : Fmt.acc(s.test())));
        }
        return new Section(TITLE, notes, new Table(List.of("probe", "neurons", "dev accuracy", "test accuracy",
                "control dev", "selectivity", "minimal set", "minimal set dev", "minimal set test"), "lrrrrrrrr",
                rows));
    }

    /** The section in HTML with the chart after the notes. */
    static String html(LayerTable t, double delta, String subtitle) {
        String section = section(t, delta).html();
        String figure = "<figure>\n" + svg(t, subtitle).element() + "<figcaption>"
                + Fmt.html(CAPTION) + "</figcaption>\n</figure>\n";
        int table = section.indexOf("<table");
        return section.substring(0, table) + figure + section.substring(table);
    }

    /** The section in Markdown with the chart's PNG (and SVG) linked. */
    static String markdown(LayerTable t, double delta, String chartStem) {
        String section = section(t, delta).markdown();
        String figure = "![per-layer chart](" + chartStem + ".png)\n\n" + Fmt.md(CAPTION) + " Vector version: ["
                + chartStem + ".svg](" + chartStem + ".svg).\n\n";
        int table = section.indexOf("\n|");
        return section.substring(0, table + 1) + figure + section.substring(table + 1);
    }

    /** The standalone {@code layers.html} of {@code probe layers}. */
    static String page(LayerProbesResult r) {
        RankingResult.Inputs in = r.inputs();
        String task = in == null ? "" : in.labelColumn();
        String title = "Per-layer probes" + (in == null ? "" : ": " + in.model() + " · " + task);
        String subtitle = in == null ? "" : in.model() + " · " + task + " · " + in.point();
        List<List<String>> rows = new ArrayList<>();
        if (in != null) {
            rows.add(List.of("model", in.model() + " (" + in.architecture() + ", config " + Fmt.cut(in.configSha256(),
                    13) + ")"));
            rows.add(List.of("probe point", String.valueOf(in.point())));
            rows.add(List.of("neurons", in.neurons() + " (" + in.width() + " per layer, layers " + in.layers() + ")"));
            rows.add(List.of("label column", String.valueOf(in.labelColumn())));
            in.stores().forEach((split, dir) -> rows.add(List.of("store (" + split + ")", dir + "  manifest "
                    + Fmt.cut(in.storeManifests().get(split), 13))));
        }
        if (r.settings() != null) {
            rows.add(List.of("λ1, λ2", Fmt.num(r.settings().options().l1()) + ", "
                    + Fmt.num(r.settings().options().l2())));
            rows.add(List.of("seed", Long.toString(r.settings().options().seed())));
        }
        if (r.tool() != null) {
            rows.add(List.of("written by", r.tool().name() + " " + r.tool().version() + " on Java " + r.tool().java()
                    + ", " + r.tool().os()));
            rows.add(List.of("written at", r.tool().createdAt()));
        }
        rows.add(List.of("time", Fmt.fixed(r.seconds(), 1) + " s"));
        String inputs = new Section("Inputs and provenance", List.of(), new Table(List.of("item", "value"), "ll",
                rows)).html();
        double delta = r.settings() == null ? Double.NaN : r.settings().delta();
        return ReportWriter.document(title, "From layers.json (format " + r.formatVersion() + "); accuracies are"
                + " fractions in [0, 1], " + Fmt.MISSING + " marks a value that was not measured.",
                html(r.layers(), delta, subtitle) + inputs);
    }
}
