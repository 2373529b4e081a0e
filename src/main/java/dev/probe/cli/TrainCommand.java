package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.io.IntRanges;
import dev.probe.io.Json;
import dev.probe.probe.ProbeReport;
import dev.probe.probe.TrainRequest;
import dev.probe.probe.TrainStage;
import dev.probe.probe.solver.Convergence;
import dev.probe.probe.solver.L1Minimizer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe train}: an elastic-net probe on activation stores. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an elastic-net logistic-regression (or linear regression) probe on activation stores.")
public final class TrainCommand implements Callable<Integer> {
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

    @Option(names = "--split", paramLabel = "TRAIN/DEV[/TEST]",
            description = "Split the training store by sentence instead, e.g. 80/10/10 (seeded by --seed).")
    String split;

    @Option(names = "--neurons", paramLabel = "LIST", description = "Neuron ids to use, e.g. 0-383,700 (default: all).")
    String neurons;

    @Option(names = "--control", description = "Also train on a control task and report selectivity.")
    boolean control;

    @Mixin
    OutputOptions output;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        device.check();
        TrainRequest request = new TrainRequest(stores.train, stores.dev, stores.test,
                split == null ? null : parseSplit(split), stores.label,
                neurons == null ? null : IntRanges.parse("neurons", neurons, Integer.MAX_VALUE - 1),
                settings.options(), control, output.out, output.force);
        PrintWriter err = spec.commandLine().getErr();
        ProbeReport report;
        try (ProgressBar bar = new ProgressBar(err, "%", 100, ProgressBar.wanted(logging))) {
            report = TrainStage.run(request, fraction -> bar.moveTo(Math.round(100 * fraction)), warning -> {
                err.println(warning);
                err.flush();
            });
        }
        print(spec.commandLine().getOut(), report);
        return 0;
    }

    private void print(PrintWriter w, ProbeReport report) throws Exception {
        if (json.enabled) {
            w.println(Json.writer().writeValueAsString(java.util.Map.of("metrics", report.metrics(),
                    "control", report.control() == null ? java.util.Map.of() : report.control())));
        } else {
            MetricsTable.print(w, report.metrics(), report.control());
            Convergence c = report.training().convergence();
            w.printf(Locale.ROOT, "%ntrained in %.2f s (%s, %d iterations, %s %.2g), probe written to %s%n",
                    report.training().seconds(), c.stop(), c.iterations(), L1Minimizer.CRITERION, c.value(),
                    output.out);
        }
        w.flush();
    }

    private static List<Integer> parseSplit(String text) throws ProbeException {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("/", -1)) {
            try {
                values.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new ProbeException("--split: '" + text + "' is not like 80/10/10");
            }
        }
        return values;
    }
}
