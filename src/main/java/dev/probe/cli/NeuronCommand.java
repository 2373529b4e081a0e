package dev.probe.cli;

import dev.probe.atlas.NeuronId;
import dev.probe.atlas.NeuronProfile;
import dev.probe.atlas.NeuronsReport;
import dev.probe.atlas.ProfileOptions;
import dev.probe.io.Json;
import dev.probe.report.NeuronPages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code probe neuron STORE --neuron L:U}: one page per neuron showing it in context, and {@code neurons.json}. */
@Command(name = "neuron", mixinStandardHelpOptions = true,
        description = "Show neurons in context (Durrani et al. 2020; NeuroX): statistics, top-activating and quantile"
                + " contexts, the activation histogram by class, signed top words and a heat-map; writes"
                + " neuron-L-U.html for each and neurons.json into --out.")
public final class NeuronCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Parameters(index = "0", paramLabel = "STORE", description = "Activation store directory.")
    Path store;

    @Option(names = "--neuron", required = true, paramLabel = "L:U[,L:U...]",
            description = "Neurons to show: unit U of layer L, as the store's manifest numbers layers (e.g. 6:17,0:3).")
    String neurons;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Annotation column whose values are the classes (default: the store's default label).")
    String label;

    @Option(names = "--top", defaultValue = "10", paramLabel = "K",
            description = "Contexts at each end and word types per sign (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-count", defaultValue = "5", paramLabel = "N",
            description = "Least occurrences of a word type among the signed top words (default: ${DEFAULT-VALUE}).")
    int minCount;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to create.")
    Path out;

    @Option(names = "--force", description = "Replace a neuron folder this tool wrote there.")
    boolean force;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        List<NeuronId> ids = NeuronId.parseList(neurons);
        ProfileOptions options = ProfileOptions.defaults().with(top, minCount);
        long start = System.nanoTime();
        NeuronsReport report;
        try (ProgressBar bar = ProgressBar.deferred(spec.commandLine().getErr(), "rows",
                ProgressBar.wanted(logging))) {
            report = NeuronPages.write(store, label, ids, options, out, force, bar::rows);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        if (json.enabled) {
            w.println(Json.writer().writeValueAsString(summary(report, seconds)));
        } else {
            w.printf(Locale.ROOT, "words\t%d%n", report.store().rows());
            w.printf(Locale.ROOT, "label\t%s%n", report.labelColumn());
            for (int i = 0; i < report.profiles().size(); i++) {
                NeuronProfile p = report.profiles().get(i);
                w.printf(Locale.ROOT, "neuron %s\tmean %.4g, sd %.4g, range [%.4g, %.4g]%s, top word %s: %s%n",
                        p.neuron(), p.stats().mean(), p.stats().sd(), p.stats().min(), p.stats().max(),
                        p.stats().constant() ? " (constant)" : "", p.top().isEmpty() ? "-" : p.top().get(0).word(),
                        out.resolve(report.pages().get(i)));
            }
            w.printf(Locale.ROOT, "neurons\t%s%n", out.resolve(NeuronsReport.FILE_NAME));
            w.printf(Locale.ROOT, "seconds\t%.2f%n", seconds);
        }
        w.flush();
        return 0;
    }

    private Map<String, Object> summary(NeuronsReport r, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store().path());
        m.put("words", r.store().rows());
        m.put("label_column", r.labelColumn());
        m.put("neurons", r.profiles().stream().map(p -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("neuron", p.neuron());
            n.put("mean", p.stats().mean());
            n.put("sd", p.stats().sd());
            n.put("min", p.stats().min());
            n.put("max", p.stats().max());
            n.put("constant", p.stats().constant());
            n.put("top_word", p.top().isEmpty() ? null : p.top().get(0).word());
            return n;
        }).toList());
        m.put("pages", r.pages().stream().map(page -> out.resolve(page).toString()).toList());
        m.put("report", out.resolve(NeuronsReport.FILE_NAME).toString());
        m.put("seconds", seconds);
        return m;
    }
}
