package dev.probe.report;

import dev.probe.rank.LayerDistribution;
import dev.probe.rank.OracleDiagnostics;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables of a ranking report, shared by the Markdown and the HTML document. */
final class ReportSections {
    /** How many sections come before the charts. */
    static final int CHARTS_AFTER = 2;
    private static final List<String> KIND_ORDER = List.of("top", "random", "bottom");

    private ReportSections() {
    }

    /** The report's title. */
    static String title(RankingResult r) {
        RankingResult.Inputs in = r.inputs();
        String method = r.request() == null || r.request().method() == dev.probe.rank.RankMethod.LCA ? ""
                : " (" + r.request().method().id() + ")";
        return in == null ? "Neuron ranking" + method : "Neuron ranking" + method + ": " + in.model() + " · "
                + r.taskName();
    }

    /** All sections, in reading order (the charts belong after the first {@link #CHARTS_AFTER}). */
    static List<Part> of(RankingResult r, ReportExtras extras) {
        List<Part> s = new ArrayList<>();
        s.add(oracle(r));
        s.add(ConvergenceSection.of(r));
        s.add(minimal(r));
        s.add(keep(r));
        s.add(search(r));
        s.add(layers(r));
        if (r.grid() != null && r.grid().rows() != null) {
            s.add(grid(r.grid()));
        }
        Part scores = ClassSections.scores(r);
        if (scores != null) {
            s.add(scores);
        }
        s.add(ClassSections.neurons(r, extras.neuronPages()));
        s.add(ClassSections.shared(r));
        s.add(ClassSections.units(r));
        if (extras.census() != null) {
            s.add(Part.of(CensusReport.markdownSection(extras.census(), RankAtlas.CENSUS + "/" + CensusReport.CHART
                    + ".png"), CensusReport.htmlSection(extras.census())));
        }
        if (extras.intervention() != null) {
            s.addAll(InterventionPage.rankParts(extras.intervention(), RankStage.INTERVENTION));
        }
        s.add(inputs(r));
        return s;
    }

    private static Section oracle(RankingResult r) {
        RankingResult.Oracle o = r.oracle();
        List<List<String>> rows = new ArrayList<>();
        rows.add(o == null ? List.of("oracle probe", Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING)
                : List.of("oracle probe", neurons(r), Fmt.acc(o.dev()), Fmt.acc(o.test()), Fmt.acc(o.selectivity())));
        OracleDiagnostics d = r.diagnostics();
        if (d != null && Double.isFinite(d.controlDev())) {
            rows.add(List.of("control task", neurons(r), Fmt.acc(d.controlDev()), Fmt.acc(d.controlTest()), ""));
        }
        if (d != null && d.majority() != null) {
            rows.add(List.of("majority class (" + d.majority().label() + ")", "0", Fmt.acc(d.majority().dev()),
                    Fmt.acc(d.majority().test()), ""));
        }
        return new Section("Oracle: the probe on all neurons", List.of("Selectivity is dev accuracy minus the dev "
                + "accuracy of a probe trained on control-task labels (– when no control task was run). The "
                + "baselines below it: that control-task probe, and always predicting the most frequent training "
                + "class."), new Table(List.of("probe", "neurons", "dev accuracy", "test accuracy", "selectivity"),
                        "lrrrr", rows));
    }

    private static Section minimal(RankingResult r) {
        RankingResult.MinimalSet m = r.minimalSet();
        double oracle = r.oracle() == null ? Double.NaN : r.oracle().dev();
        List<String> row = m == null ? List.of(Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING, Fmt.MISSING)
                : List.of(Integer.toString(m.size()), Fmt.pct(m.fraction()), Fmt.acc(m.dev()), Fmt.acc(m.test()),
                        Fmt.acc(m.dev() - oracle));
        String delta = r.settings() == null ? "δ" : "δ = " + Fmt.fixed(r.settings().delta(), 2) + " accuracy points";
        return new Section("Minimal neuron set", List.of("The smallest prefix of the ranking whose retrained probe "
                + "stays within " + delta + " of the oracle on dev."),
                new Table(List.of("neurons", "share of all", "dev accuracy", "test accuracy", "dev − oracle"), "rrrrr",
                        List.of(row)));
    }

    private static Section keep(RankingResult r) {
        List<RankingResult.Keep> keep = r.keep() == null ? List.of() : new ArrayList<>(r.keep());
        keep.sort(Comparator.comparingInt(RankingResult.Keep::percent).thenComparingInt(k -> order(k.kind())));
        List<List<String>> rows = new ArrayList<>();
        for (RankingResult.Keep k : keep) {
            rows.add(List.of(k.kind() + " " + k.percent() + " %", Integer.toString(k.size()),
                    dev(k.retrained()) + ConvergenceSection.mark(k.retrained()), test(k.retrained()),
                    dev(k.keepOnly()), test(k.keepOnly()), dev(k.removed()), test(k.removed())));
        }
        return new Section("Top, random and bottom neurons", List.of("Retrained: a new probe trained on the set alone. "
                + "Keep-only: the oracle with every other neuron's weights zeroed. Removed: the oracle with this set's "
                + "weights zeroed (Durrani et al., EMNLP 2020; NeuroX ablation)."),
                new Table(List.of("set", "neurons", "retrained dev", "retrained test", "keep-only dev",
                        "keep-only test", "removed dev", "removed test"), "lrrrrrrr", rows));
    }

    private static Section search(RankingResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (RankingResult.Point p : r.search() == null ? List.<RankingResult.Point>of() : r.search()) {
            rows.add(List.of(Integer.toString(p.size()), Fmt.pct(p.fraction()),
                    Fmt.acc(p.dev()) + ConvergenceSection.mark(p), Fmt.acc(p.test()), ConvergenceSection.iterations(p)));
        }
        return new Section("Minimal-set search", List.of("Every prefix of the ranking the search retrained a probe on."),
                new Table(List.of("neurons", "share of all", "dev accuracy", "test accuracy", "solver iterations"),
                        "rrrrr", rows));
    }

    private static Section layers(RankingResult r) {
        RankingResult.Layers l = r.layers();
        if (l == null) {
            return new Section("Layer distribution", List.of("No layer distribution recorded."), null);
        }
        List<List<String>> rows = new ArrayList<>();
        for (LayerDistribution.Layer layer : l.counts() == null ? List.<LayerDistribution.Layer>of() : l.counts()) {
            rows.add(List.of(Integer.toString(layer.layer()), Integer.toString(layer.count()), Fmt.pct(layer.share())));
        }
        return new Section("Layer distribution of the minimal set", List.of("Entropy " + Fmt.fixed(l.entropy(), 3)
                + " bits of at most " + Fmt.fixed(l.maxEntropy(), 3) + " (higher = more spread over the layers). "
                + "Bottom / middle / top third of the layers: " + Fmt.pct(l.bottomThird()) + " / "
                + Fmt.pct(l.middleThird()) + " / " + Fmt.pct(l.topThird()) + "."),
                new Table(List.of("layer", "neurons", "share"), "rrr", rows));
    }

    private static Section grid(RankingResult.Grid g) {
        List<List<String>> rows = new ArrayList<>();
        for (RankingResult.GridRow row : g.rows()) {
            boolean chosen = row.l1() == g.chosenL1() && row.l2() == g.chosenL2();
            rows.add(List.of(Fmt.num(row.l1()), Fmt.num(row.l2()), Fmt.acc(row.oracleDev()),
                    Fmt.acc(row.top20Dev()), Fmt.acc(row.bottom20Dev()), chosen ? "✓" : ""));
        }
        return new Section("λ grid", List.of("Chosen λ1 = " + Fmt.num(g.chosenL1()) + ", λ2 = "
                + Fmt.num(g.chosenL2()) + (g.rule() == null ? "." : " (" + g.rule() + ").")),
                new Table(List.of("λ1", "λ2", "oracle dev", "top 20 % dev", "bottom 20 % dev", "chosen"), "rrrrrl",
                        rows));
    }

    private static Section inputs(RankingResult r) {
        List<List<String>> rows = new ArrayList<>();
        RankingResult.Inputs in = r.inputs();
        if (in != null) {
            add(rows, "model", in.model());
            add(rows, "architecture", in.architecture());
            add(rows, "config SHA-256", in.configSha256());
            add(rows, "probe point", in.point());
            add(rows, "layers", in.layers() == null ? null : in.layers().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")));
            add(rows, "neurons", in.neurons() + " (" + in.width() + " per layer)");
            add(rows, "task", r.taskName());
            add(rows, "label column", in.labelColumn());
            (in.stores() == null ? Map.<String, String>of() : in.stores()).forEach((split, dir) -> add(rows,
                    "store (" + split + ")", dir + (in.storeManifests() != null && in.storeManifests().get(split)
                            != null ? "  manifest " + Fmt.cut(in.storeManifests().get(split), 13) : "")));
            add(rows, "probe", in.probe() == null ? Fmt.MISSING : in.probe());
        }
        RankingResult.Settings s = r.settings();
        if (s != null) {
            add(rows, "λ1, λ2", Fmt.num(s.l1()) + ", " + Fmt.num(s.l2()));
            add(rows, "δ (accuracy points)", Fmt.fixed(s.delta(), 2));
            add(rows, "search schedule", s.schedule() == null ? null : Arrays.stream(s.schedule())
                    .mapToObj(Fmt::pct).collect(Collectors.joining(", ")));
            add(rows, "seed", Long.toString(s.seed()));
        }
        if (r.tool() != null) {
            add(rows, "written by", r.tool().name() + " " + r.tool().version() + " on Java " + r.tool().java() + ", "
                    + r.tool().os());
            add(rows, "written at", r.tool().createdAt());
        }
        add(rows, "analysis time", Fmt.fixed(r.seconds(), 1) + " s");
        add(rows, "format version", Integer.toString(r.formatVersion()));
        return new Section("Inputs and provenance", List.of(), new Table(List.of("item", "value"), "ll", rows));
    }

    private static void add(List<List<String>> rows, String key, String value) {
        rows.add(List.of(key, value == null ? Fmt.MISSING : value));
    }

    private static String neurons(RankingResult r) {
        return r.inputs() == null ? Fmt.MISSING : Integer.toString(r.inputs().neurons());
    }

    private static int order(String kind) {
        int i = KIND_ORDER.indexOf(kind);
        return i < 0 ? KIND_ORDER.size() : i;
    }

    private static String dev(RankingResult.Point p) {
        return p == null ? Fmt.MISSING : Fmt.acc(p.dev());
    }

    private static String test(RankingResult.Point p) {
        return p == null ? Fmt.MISSING : Fmt.acc(p.test());
    }
}
