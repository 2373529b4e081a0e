package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.Json;
import dev.probe.rank.LayerProbesRequest;
import dev.probe.rank.LayerProbesResult;
import dev.probe.rank.LayerSettings;
import dev.probe.rank.LayerTable;
import dev.probe.report.LayersStage;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe layers}: one probe per layer (and per window of layers), with selectivity and minimal sets. */
@Command(name = "layers", mixinStandardHelpOptions = true,
        description = "Train one probe per layer of the stores (on that layer's neurons only) and, with --window, per"
                + " window of adjacent layers; report dev/test accuracy, selectivity, each layer's minimal neuron set"
                + " and the majority-class baseline, and write layers.json, layers.html and the chart.")
public final class LayersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ProbeSettings settings;

    @Mixin
    StoreOptions stores;

    @Option(names = "--window", paramLabel = "K",
            description = "Also train a probe per window of K adjacent layers of the stores (K ≥ 2).")
    Integer window;

    @Option(names = "--delta", defaultValue = "1", paramLabel = "POINTS",
            description = "Allowed dev-accuracy drop of each layer's minimal set against that layer's probe, in"
                    + " accuracy points (default: ${DEFAULT-VALUE}).")
    double delta;

    @Option(names = "--control", description = "Train the control task per layer too and report selectivity.")
    boolean control;

    @Mixin
    OutputOptions output;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (stores.dev == null) {
            throw new ProbeException("layers needs --dev STORE: each layer's minimal neuron set is chosen on it");
        }
        LayerProbesRequest request = new LayerProbesRequest(stores.train, stores.dev, stores.test,
                new LayerSettings(stores.label, settings.options(), delta, window, control), output.out,
                output.force);
        PrintWriter err = spec.commandLine().getErr();
        boolean chatty = !logging.quiet;
        long start = System.nanoTime();
        LayerProbesResult result = LayersStage.run(request, stage -> {
            if (chatty) {
                err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, stage);
                err.flush();
            }
        }, warning -> {
            err.println(warning);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled) {
            out.println(Json.writer().writeValueAsString(summary(result)));
        } else {
            print(out, result.layers());
        }
        out.flush();
        return 0;
    }

    /** What {@code --json} prints: the label column, the majority baseline, the rows and the report's path. */
    private Map<String, Object> summary(LayerProbesResult r) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("label", r.inputs().labelColumn());
        s.put("majority", r.layers().majority());
        s.put("rows", r.layers().rows());
        s.put("report", output.out.resolve("layers.html").toString());
        return s;
    }

    private void print(PrintWriter w, LayerTable t) {
        LayerTable.Majority m = t.majority();
        w.printf(Locale.ROOT, "majority\t%s\tdev %.4f%s%n", m.label(), m.dev(), test(m.test()));
        for (LayerTable.Row r : t.rows()) {
            w.printf(Locale.ROOT, "%s\tdev %.4f%s%s\tminimal_set %d neurons\tdev %.4f%n",
                    r.name().replace(' ', '_'), r.dev(), test(r.test()),
                    Double.isNaN(r.selectivity()) ? "" : String.format(Locale.ROOT, "\tselectivity %.4f",
                            r.selectivity()), r.minimalSet().size(), r.minimalSet().dev());
        }
        w.printf(Locale.ROOT, "report\t%s%n", output.out.resolve("layers.html"));
    }

    /** The test accuracy column, absent without a test store. */
    private static String test(double accuracy) {
        return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, "\ttest %.4f", accuracy);
    }
}
