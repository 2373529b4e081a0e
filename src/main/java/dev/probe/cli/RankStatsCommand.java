package dev.probe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Json;
import dev.probe.rank.Ordering;
import dev.probe.rank.RankMethod;
import dev.probe.rank.StatisticRanker;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.NeuronScores;
import dev.probe.rank.stats.StatisticsFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code probe rank-stats STATS}: ranks neurons from a statistics folder ({@code probe extract --stats-only}, merged
 * or not) with a statistic method, without any activation store.
 */
@Command(name = "rank-stats", mixinStandardHelpOptions = true,
        description = "Rank neurons from per-class statistics (probe extract --stats-only, probe merge) with a"
                + " statistic method: probeless, selectivity, iou, ap or anova. Prints the top neurons.")
public final class RankStatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "STATS", description = "Statistics folder.")
    Path statistics;

    @Option(names = "--method", defaultValue = "probeless", paramLabel = "METHOD",
            description = "probeless, selectivity, iou, ap or anova (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N",
            description = "Neurons to print, best first; 0 for all (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    JsonOption json;

    /** One ranked neuron. */
    record Ranked(int rank, int neuron, String name, double score) {
    }

    /** What {@code --json} prints. */
    record Result(String method, String labelColumn, long words, int neurons, List<Ranked> top) {
    }

    @Override
    public Integer call() throws ProbeException {
        RankMethod m = RankMethod.parse(method);
        if (!m.usesStatistics() || m == RankMethod.GAUSSIAN) {
            throw new InvalidRequest("method", m.id() + " is not a statistic method; use probeless, selectivity,"
                    + " iou, ap or anova");
        }
        InvalidRequest.check("top", top, 0, Integer.MAX_VALUE);
        StatisticsFiles.Description d = StatisticsFiles.description(statistics);
        ClassStatistics s = StatisticsFiles.read(statistics, d);
        StatisticRanker ranker = new StatisticRanker(m);
        NeuronScores scores;
        try {
            scores = ranker.scores(s);
        } catch (IllegalArgumentException e) {
            throw new ProbeException(statistics.resolve(StatisticsFiles.JSON), e.getMessage());
        }
        int[] order = Ordering.byScore(scores.overall()).order();
        StoreManifest origin = d.extraction();
        int n = top == 0 ? order.length : Math.min(top, order.length);
        List<Ranked> ranked = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int neuron = order[r];
            ranked.add(new Ranked(r + 1, neuron, origin == null ? "N" + neuron : origin.neuronName(neuron),
                    scores.overall()[neuron]));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json.enabled) {
            try {
                w.println(Json.writer().writeValueAsString(new Result(m.id(), d.labelColumn(), s.total(),
                        s.neurons(), ranked)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            w.printf(Locale.ROOT, "rank\tneuron\tname\t%s%n", m.id());
            for (Ranked r : ranked) {
                w.printf(Locale.ROOT, "%d\t%d\t%s\t%.6g%n", r.rank(), r.neuron(), r.name(), r.score());
            }
        }
        w.flush();
        return 0;
    }
}
