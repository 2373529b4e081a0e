package dev.probe.cli;

import dev.probe.activations.ExtractionRequest;
import dev.probe.intervene.Effect;
import dev.probe.intervene.InterventionReport;
import dev.probe.intervene.InterventionRequest;
import dev.probe.intervene.Interventions;
import dev.probe.intervene.Measure;
import dev.probe.io.Json;
import dev.probe.model.ModelRepository;
import dev.probe.report.InterventionStage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe intervene}: change chosen neurons inside the forward pass and measure what follows. */
@Command(name = "intervene", mixinStandardHelpOptions = true,
        description = "Change a ranking's neurons inside the model's forward pass (zero, training mean, or a shift"
                + " toward another class's mean) and measure the effect against as many random neurons of the same"
                + " layers: accuracy of probes trained on unmodified activations, change of the model's output and"
                + " sentence embedding, and of its LM head's predictions where the checkpoint has one. Writes"
                + " intervention.json, intervention.html and the chart.")
public final class InterveneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    DeviceOptions device;

    @Option(names = "--ranking", required = true, paramLabel = "DIR", description = "The rank folder (ranking.json"
            + " and its probe/).")
    Path ranking;

    @Option(names = "--train", required = true, paramLabel = "STORE",
            description = "The training store the ranking was made from (probes and means are trained on it).")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "STORE",
            description = "The dev store the ranking was made from: its words are run through the edited model.")
    Path dev;

    @Option(names = "--set", required = true, paramLabel = "SPEC",
            description = "A neuron set (repeatable): minimal, top:N, bottom:N, random:N (N or P%%), class:NAME or"
                    + " list:L:U,L:U,…")
    List<String> sets;

    @Mixin
    EditOptions edit;

    @Option(names = "--random", defaultValue = "5", paramLabel = "N",
            description = "Matched random sets per set, for the spread (default: ${DEFAULT-VALUE}).")
    int random;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random sets (default: the ranking's).")
    Long seed;

    @Option(names = "--probe-layers", paramLabel = "LIST", description = "Layers to train and evaluate probes on, e.g."
            + " 6 or 3-6 (default: every layer from the lowest one changed).")
    String probeLayers;

    @Option(names = "--no-lm", description = "Do not measure the LM head even where the checkpoint has one.")
    boolean noLm;

    @Option(names = "--threads", paramLabel = "N", description = "Forward passes at once (default: one per core).")
    Integer threads;

    @Mixin
    OutputOptions output;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        device.check();
        List<Integer> layers = probeLayers == null ? List.of() : ExtractionRequest.layers(probeLayers);
        InterventionRequest request = new InterventionRequest(ranking, train, dev, sets, edit.mode(), edit.beta,
                edit.from(), edit.to(), random, seed, layers, !noLm, threads, output.out, output.force);
        PrintWriter err = spec.commandLine().getErr();
        boolean chatty = !logging.quiet;
        long start = System.nanoTime();
        long passes = 1 + (long) sets.size() * (1 + random);
        InterventionReport report;
        try (ProgressBar bar = ProgressBar.deferred(err, "words", ProgressBar.wanted(logging))) {
            report = InterventionStage.run(request, ModelRepository.atDefaultHome(), new Interventions.Listener() {
                private boolean started;

                @Override
                public void stage(String text) {
                    if (chatty) {
                        err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, text);
                        err.flush();
                    }
                }

                @Override
                public dev.probe.activations.Extractor.Progress pass(String name, long words) {
                    stage("pass: " + name);
                    if (!started) {
                        started = true;
                        return bar.start(words * passes);
                    }
                    return bar::advance;
                }
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            out.println(Json.writer().writeValueAsString(summary(report)));
        } else {
            print(out, report);
        }
        out.flush();
        return 0;
    }

    /** The overall effects of the last probed layer (and the output), one line per set and measure. */
    private Map<String, Object> summary(InterventionReport r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mode", r.settings().mode());
        s.put("probes", r.probes());
        s.put("effects", r.effects().stream().filter(e -> e.label() == null).toList());
        s.put("intervention", output.out.resolve(InterventionReport.FILE_NAME).toString());
        s.put("report", output.out.resolve("intervention.html").toString());
        s.put("seconds", r.seconds().get("total"));
        return s;
    }

    private void print(PrintWriter w, InterventionReport r) {
        Integer last = r.probes().stream().map(InterventionReport.ProbeRef::layer).filter(Objects::nonNull)
                .max(Integer::compare).orElse(null);
        for (Effect e : r.effects()) {
            boolean headline = Measure.PROBE_ACCURACY.equals(e.measure()) && Objects.equals(last, e.layer())
                    || Measure.ORACLE_ACCURACY.equals(e.measure()) || Measure.SENTENCE_COSINE.equals(e.measure())
                    || Measure.LM_TOP1.equals(e.measure());
            if (e.label() == null && headline) {
                w.printf(Locale.ROOT, "%s\t%d neurons\t%s%s\t%+.4f\trandom %+.4f ± %.4f%n", e.set(), e.neurons(),
                        e.measure(), e.layer() == null ? "" : " (layer " + e.layer() + ")", e.value(), e.randomMean(),
                        e.randomSd());
            }
        }
        w.printf(Locale.ROOT, "report\t%s%n", output.out.resolve("intervention.html"));
    }
}
