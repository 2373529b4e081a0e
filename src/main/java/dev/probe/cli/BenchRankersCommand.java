package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.Json;
import dev.probe.rank.BenchRequest;
import dev.probe.rank.BenchResult;
import dev.probe.rank.RankMethod;
import dev.probe.rank.RankSettings;
import dev.probe.report.BenchStage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe bench-rankers}: several ranking methods on one task, compared. */
@Command(name = "bench-rankers", mixinStandardHelpOptions = true,
        description = "Rank the neurons with several methods and compare them: retrained accuracy of each method's top"
                + " neurons, their selectivity, AvgOverlap and overlap with the Borda consensus (Fan et al. 2023);"
                + " writes bench.json, bench.md, bench.html and a chart.")
public final class BenchRankersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ProbeSettings settings;

    @Mixin
    StoreOptions stores;

    @Option(names = "--methods", defaultValue = "lca,lasso,ridge,noreg,probeless,selectivity,iou,ap,gaussian,anova",
            paramLabel = "LIST", description = "Comma-separated ranking methods (default: all ten).")
    String methods;

    @Option(names = "--cap", defaultValue = "50", paramLabel = "N",
            description = "gaussian: the most neurons chosen greedily (default: ${DEFAULT-VALUE}).")
    int cap;

    @Mixin
    OutputOptions output;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (stores.dev == null) {
            throw new ProbeException("bench-rankers needs --dev STORE: selectivity is measured on it");
        }
        List<RankMethod> list = new ArrayList<>();
        for (String part : methods.split(",")) {
            if (!part.isBlank()) {
                list.add(RankMethod.parse(part));
            }
        }
        BenchRequest request = new BenchRequest(stores.train, stores.dev, stores.test, stores.label,
                settings.options(), list, cap == 0 ? RankSettings.DEFAULT_CAP : cap, output.out, output.force);
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result;
        try (ProgressBar bar = ProgressBar.deferred(err, "neurons", ProgressBar.wanted(logging))) {
            result = BenchStage.run(request, new StageLines(err, !logging.quiet, bar, ProgressBar.wanted(logging)));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (BenchResult.MethodRow m : result.methods()) {
                rows.add(Map.of("method", m.method(), "rank_seconds", m.rankSeconds(), "sizes", m.sizes()));
            }
            out.println(Json.writer().writeValueAsString(Map.of("bench", output.out.resolve("bench.html").toString(),
                    "methods", rows)));
        } else {
            for (BenchResult.MethodRow m : result.methods()) {
                StringBuilder line = new StringBuilder(m.method());
                for (BenchResult.SizeRow s : m.sizes()) {
                    line.append(String.format(Locale.ROOT, "\t%s:%.4f", s.label().replace(" ", ""),
                            Double.isFinite(s.test()) ? s.test() : s.dev()));
                }
                out.println(line);
            }
            out.println("report\t" + output.out.resolve("bench.html"));
        }
        out.flush();
        return 0;
    }
}
