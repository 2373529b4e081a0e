package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.io.Json;
import dev.probe.model.Threads;
import dev.probe.probe.LabelIndex;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.ProbeArtifact;
import dev.probe.probe.ProbeData;
import dev.probe.probe.Metrics;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.activations.store.TokenRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe eval}: a saved probe scored on another store. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Score a saved probe on an activation store.")
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--probe", required = true, paramLabel = "DIR", description = "Probe folder written by train.")
    Path probeDir;

    @Option(names = "--store", required = true, paramLabel = "STORE", description = "Store to score.")
    Path storeDir;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Annotation column of the store to score against (default: the column the probe was trained"
                    + " on).")
    String label;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        ProbeArtifact.Loaded loaded = ProbeArtifact.read(probeDir);
        Threads.configure(1);
        try (ActivationStore store = ActivationStore.open(storeDir)) {
            ProbeArtifact.checkCompatible(loaded, probeDir, store);
            List<TokenRow> tokens = store.tokens();
            long[] rows = new long[tokens.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            LinearProbe probe = loaded.probe();
            List<String> labels = store.labels(label != null ? label : loaded.label());
            ProbeData data;
            if (probe.task() == ProbeOptions.Task.REGRESSION) {
                float[] targets = new float[labels.size()];
                for (int i = 0; i < targets.length; i++) {
                    try {
                        targets[i] = Float.parseFloat(labels.get(i));
                    } catch (NumberFormatException e) {
                        throw new ProbeException(storeDir.resolve("tokens.tsv"), i + 2L, "label '" + labels.get(i)
                                + "' is not a number", null);
                    }
                }
                data = new ProbeData("eval", store.matrix(), rows, null, targets);
            } else {
                LabelIndex index = probe.labels();
                data = new ProbeData("eval", store.matrix(), rows, index.encode(labels), null);
            }
            Map<String, Metrics> metrics = new LinkedHashMap<>();
            metrics.put(storeDir.getFileName().toString(), ProbeTraining.evaluate(probe, data));
            PrintWriter w = spec.commandLine().getOut();
            if (json.enabled) {
                w.println(Json.writer().writeValueAsString(Map.of("metrics", metrics)));
            } else {
                MetricsTable.print(w, metrics, null);
            }
            w.flush();
        }
        return 0;
    }
}
