package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.Json;
import dev.probe.model.ModelRepository;
import dev.probe.rank.PerLayer;
import dev.probe.rank.RankMethod;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankSettings;
import dev.probe.rank.RankingResult;
import dev.probe.report.RankStage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe rank}: which neurons, how many, in which layers. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank neurons (LCA or another --method), find the minimal neuron set, compare top/random/bottom sets and ablations,"
                + " and write ranking.json, report.md, report.html and plots.")
public final class RankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DeviceOptions device;

    @Mixin
    ProbeSettings settings;

    @Mixin
    StoreOptions stores;

    @Option(names = "--probe", paramLabel = "DIR", description = "A probe over all neurons from probe train (default: train one).")
    Path probe;

    @Option(names = "--delta", defaultValue = "1", paramLabel = "POINTS",
            description = "Allowed dev-accuracy drop of the minimal set, in accuracy points (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--grid", description = "Choose λ1 and λ2 on a grid (see --grid-values).")
    boolean grid;

    @Option(names = "--grid-values", paramLabel = "LIST",
            description = "λ values of the grid, for both λ1 and λ2 (default: 0,1e-5,1e-4,1e-3,1e-2).")
    String gridValues;

    @Option(names = "--name", paramLabel = "TASK",
            description = "The task's name in the report and comparisons (default: the label column).")
    String name;

    @Option(names = "--control", description = "Train the control task too and report selectivity.")
    boolean control;

    @Option(names = "--method", defaultValue = "lca", paramLabel = "METHOD",
            description = "Ranking method: lca, lasso, ridge, noreg, probeless, selectivity, iou, ap, gaussian, anova"
                    + " (default: ${DEFAULT-VALUE}; see docs/rankers.md).")
    String method;

    @Option(names = "--cap", defaultValue = "50", paramLabel = "N",
            description = "gaussian: the most neurons chosen greedily, one pass over the training store each"
                    + " (default: ${DEFAULT-VALUE}).")
    int cap;

    @Option(names = "--per-layer", description = "Also train one probe per layer (as probe layers does) and add them"
            + " to ranking.json and the report.")
    boolean perLayer;

    @Option(names = "--window", paramLabel = "K",
            description = "With --per-layer: also a probe per window of K adjacent layers (K ≥ 2).")
    Integer window;

    @Option(names = "--ablate", paramLabel = "SET", description = "After ranking, zero this neuron set inside the"
            + " model (repeatable: minimal, top:N, bottom:N, class:NAME, …) and measure the effect against matched"
            + " random sets of the same layers, as probe intervene does; written under intervention/ and shown in the"
            + " report.")
    List<String> ablate;

    @Option(names = "--ablate-random", defaultValue = "5", paramLabel = "N",
            description = "With --ablate: matched random sets per set (default: ${DEFAULT-VALUE}).")
    int ablateRandom;

    @Mixin
    OutputOptions output;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        device.check();
        if (stores.dev == null) {
            throw new ProbeException("rank needs --dev STORE: the minimal neuron set is chosen on it");
        }
        List<Double> values = grid || gridValues != null ? parseGrid(gridValues) : null;
        RankSettings wanted = new RankSettings(stores.label, name, settings.options(), delta, values, control,
                RankMethod.parse(method), cap);
        RankRequest request = new RankRequest(stores.train, stores.dev, stores.test, probe, wanted, output.out,
                output.force);
        PrintWriter err = spec.commandLine().getErr();
        if (window != null && !perLayer) {
            throw new ProbeException("--window needs --per-layer");
        }
        RankingResult result;
        try (ProgressBar bar = ProgressBar.deferred(err, "neurons", ProgressBar.wanted(logging))) {
            RankStage.Ablation ablation = ablate == null || ablate.isEmpty() ? null
                    : new RankStage.Ablation(ablate, ablateRandom, ModelRepository.atDefaultHome());
            result = RankStage.run(request, perLayer ? new PerLayer(window) : null, ablation,
                    new StageLines(err, !logging.quiet, bar, ProgressBar.wanted(logging)));
        }
        if (json.enabled) {
            spec.commandLine().getOut().println(Json.writer().writeValueAsString(RankSummary.of(result,
                    output.out.resolve("report.html"))));
            spec.commandLine().getOut().flush();
        } else {
            summary(spec.commandLine().getOut(), result);
        }
        return 0;
    }

    private void summary(PrintWriter w, RankingResult r) {
        w.printf(Locale.ROOT, "method\t%s%n", r.request().method().id());
        w.printf(Locale.ROOT, "oracle\tdev %.4f%s%n", r.oracle().dev(), test(r.oracle().test()));
        if (!Double.isNaN(r.oracle().selectivity())) {
            w.printf(Locale.ROOT, "selectivity\t%.4f%n", r.oracle().selectivity());
        }
        w.printf(Locale.ROOT, "minimal_set\t%d neurons (%.1f %%)\tdev %.4f%s%n", r.minimalSet().size(),
                100 * r.minimalSet().fraction(), r.minimalSet().dev(), test(r.minimalSet().test()));
        for (RankingResult.Keep k : r.keep()) {
            if (k.percent() == 10) {
                w.printf(Locale.ROOT, "%s_10%%\tretrained dev %.4f%s%n", k.kind(), k.retrained().dev(),
                        test(k.retrained().test()));
            }
        }
        w.printf(Locale.ROOT, "layers\t%s%n", r.layers().counts().stream()
                .map(l -> l.layer() + ":" + l.count()).reduce((a, b) -> a + " " + b).orElse(""));
        w.printf(Locale.ROOT, "report\t%s%n", output.out.resolve("report.html"));
        w.flush();
    }

    /** The test accuracy column, absent without a test store. */
    private static String test(double accuracy) {
        return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, "\ttest %.4f", accuracy);
    }

    /** The λ values listed; whether they make a grid (not empty, each in range) is {@link RankSettings}'s check. */
    private static List<Double> parseGrid(String text) throws ProbeException {
        if (text == null) {
            return RankSettings.defaultGrid();
        }
        List<Double> values = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    values.add(Double.parseDouble(part.strip()));
                } catch (NumberFormatException e) {
                    throw new ProbeException("--grid-values: '" + part.strip() + "' is not a number");
                }
            }
        }
        return values;
    }
}
