package dev.probe.cli;

import dev.probe.atlas.Census;
import dev.probe.atlas.CensusSettings;
import dev.probe.io.Json;
import dev.probe.report.CensusStage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe census STORE --out DIR}: dead neurons, token and n-gram detectors and positional neurons per layer. */
@Command(name = "census", mixinStandardHelpOptions = true,
        description = "Count per layer the dead neurons, token detectors (eta^2 by word type), n-gram detectors"
                + " (eta^2 by bigram) and positional neurons (r with the word index) of a store (Voita et al. 2023),"
                + " in one pass over it; write census.json, census.md, census.html and the chart.")
public final class CensusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "STORE", description = "Activation store directory.")
    Path store;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to create.")
    Path out;

    @Option(names = "--force", description = "Replace a census folder this tool wrote there.")
    boolean force;

    @Option(names = "--min-count", defaultValue = "5", paramLabel = "N",
            description = "Word types and bigrams seen fewer times are pooled (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = "--active-above", defaultValue = "0", paramLabel = "T",
            description = "A neuron is active on a word when its activation is above T (default: ${DEFAULT-VALUE}).")
    double activeAbove;

    @Option(names = "--dead-share", defaultValue = "0.001", paramLabel = "S",
            description = "Dead: active on at most this share of the words (default: ${DEFAULT-VALUE}).")
    double deadShare;

    @Option(names = "--token-threshold", defaultValue = "0.5", paramLabel = "E",
            description = "Token (and n-gram) detector: eta^2 at least E (default: ${DEFAULT-VALUE}).")
    double tokenThreshold;

    @Option(names = "--ngram-margin", defaultValue = "0.1", paramLabel = "M",
            description = "N-gram detector: bigram omega^2 above word-type omega^2 by at least M"
                    + " (default: ${DEFAULT-VALUE}).")
    double ngramMargin;

    @Option(names = "--position-threshold", defaultValue = "0.5", paramLabel = "R",
            description = "Positional: |r| with the word index at least R (default: ${DEFAULT-VALUE}).")
    double positionThreshold;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        CensusSettings settings = new CensusSettings(minCount, activeAbove, deadShare, CensusSettings.RARE_SHARE,
                tokenThreshold, ngramMargin, positionThreshold, CensusSettings.SEED);
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        Census census;
        try (ProgressBar bar = ProgressBar.deferred(err, "rows", ProgressBar.wanted(logging))) {
            census = CensusStage.run(store, out, force, settings, bar::rows);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        if (json.enabled) {
            w.println(Json.writer().writeValueAsString(summary(census, seconds)));
        } else {
            text(w, census, seconds);
        }
        w.flush();
        return 0;
    }

    private Map<String, Object> summary(Census c, double seconds) {
        int[] t = c.totals();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", c.store().path());
        m.put("point", c.point());
        m.put("rows", c.store().rows());
        m.put("neurons", c.neurons().size());
        m.put("dead", t[0]);
        m.put("token_detectors", t[1]);
        m.put("ngram_detectors", t[2]);
        m.put("positional", t[3]);
        m.put("layers", c.layers());
        m.put("census", out.resolve(Census.FILE_NAME).toString());
        m.put("html", out.resolve("census.html").toString());
        m.put("seconds", seconds);
        return m;
    }

    /** Tab-separated {@code key value} lines, then one line per layer. */
    private void text(PrintWriter w, Census c, double seconds) {
        int[] t = c.totals();
        w.printf(Locale.ROOT, "neurons\t%d (%d layers, %s)%n", c.neurons().size(), c.layers().size(), c.point());
        w.printf(Locale.ROOT, "rows\t%d%n", c.store().rows());
        w.printf(Locale.ROOT, "dead\t%d%n", t[0]);
        w.printf(Locale.ROOT, "token_detectors\t%d%n", t[1]);
        w.printf(Locale.ROOT, "ngram_detectors\t%d%n", t[2]);
        w.printf(Locale.ROOT, "positional\t%d%n", t[3]);
        w.printf(Locale.ROOT, "seconds\t%.2f%n", seconds);
        w.printf(Locale.ROOT, "report\t%s%n", out.resolve("census.html"));
        w.println("layer\tdead\trare\ttoken\tngram\tpositional\tmean_eta2\tmean_abs_r");
        for (Census.Layer l : c.layers()) {
            w.printf(Locale.ROOT, "%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s%n", l.layer(), l.dead(), l.rarelyActive(),
                    l.tokenDetectors(), l.ngramDetectors(), l.positional(), fixed(l.meanEta2()), fixed(l.meanAbsR()));
        }
    }

    private static String fixed(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
