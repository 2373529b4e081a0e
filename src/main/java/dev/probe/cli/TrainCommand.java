package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.io.Json;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeArtifact;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeReport;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import dev.probe.probe.solver.Convergence;
import dev.probe.probe.solver.L1Minimizer;
import java.io.PrintWriter;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
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

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Probe folder to create.")
    Path out;

    @Option(names = "--force",
            description = "Replace a probe folder written by probe (never another folder or an input).")
    boolean force;

    @Option(names = "--json", description = "Print the metrics as JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ProbeOptions options = settings.options();
        OutputGuard.check(out, OutputKind.PROBE, force, stores.paths());
        if (split != null && stores.test != null) {
            throw new ProbeException("--test cannot be combined with --split (the split makes the test set)");
        }
        if ((split == null) == (stores.dev == null)) {
            throw new ProbeException("give either --dev STORE (and optionally --test STORE) or --split, not both");
        }
        dev.probe.model.Threads.configureForTraining();
        try (AtomicDirectory outDir = AtomicDirectory.create(out, OutputKind.PROBE, force);
                ActivationStore trainStore = ActivationStore.open(stores.train);
                ActivationStore devStore = stores.dev == null ? null : ActivationStore.open(stores.dev);
                ActivationStore testStore = stores.test == null ? null : ActivationStore.open(stores.test)) {
            ProbeInputs inputs = split != null
                    ? ProbeInputs.split(trainStore, parseSplit(split), options.seed(), stores.label)
                    : ProbeInputs.ofStores(trainStore, devStore, testStore, stores.label);
            PreparedSplits splits = PreparedSplits.of(inputs, options);
            Features features = ProbeTraining.features(neurons == null ? null
                    : dev.probe.io.IntRanges.parse("neurons", neurons, Integer.MAX_VALUE - 1).stream().mapToInt(Integer::intValue).toArray(),
                    trainStore.matrix().cols());
            PrintWriter err = spec.commandLine().getErr();
            ProbeTraining.Trained trained;
            TrainingStatistics stats = ProbeTraining.statistics(splits, options);
            try (ProgressBar bar = new ProgressBar(err, "%", 100, ProgressBar.wanted(logging))) {
                ElasticNetTrainer.Listener listener = fraction -> bar.moveTo(Math.round(100 * fraction));
                trained = ProbeTraining.train(splits, stats, features, options, listener);
            }
            warnIfNotConverged(err, "the probe", trained.training());
            ProbeReport.Control controlResult = control && options.task() == ProbeOptions.Task.CLASSIFICATION
                    ? ProbeTraining.control(splits, trained, features, options, options.seed() + 1) : null;
            if (controlResult != null) {
                warnIfNotConverged(err, "the control-task probe", controlResult.training());
            }
            ProbeReport report = ProbeTraining.report(splits, trained, options, controlResult);
            ProbeArtifact.write(outDir, report, trained.probe());
            print(spec.commandLine().getOut(), report);
        }
        return 0;
    }

    private void print(PrintWriter w, ProbeReport report) throws Exception {
        if (json) {
            w.println(Json.writer().writeValueAsString(java.util.Map.of("metrics", report.metrics(),
                    "control", report.control() == null ? java.util.Map.of() : report.control())));
        } else {
            MetricsTable.print(w, report.metrics(), report.control());
            Convergence c = report.training().convergence();
            w.printf(Locale.ROOT, "%ntrained in %.2f s (%s, %d iterations, %s %.2g), probe written to %s%n",
                    report.training().seconds(), c.stop(), c.iterations(), L1Minimizer.CRITERION, c.value(), out);
        }
        w.flush();
    }

    /** One warning line on stderr for a probe that stopped before the optimality threshold. */
    static void warnIfNotConverged(PrintWriter err, String what, ProbeReport.Training training) {
        if (training != null && !training.convergence().converged()) {
            err.println(training.convergence().warning(what));
            err.flush();
        }
    }

    private static int[] parseSplit(String text) throws ProbeException {
        String[] parts = text.split("/");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ProbeException("--split: '" + text + "' is not like 80/10/10");
            }
        }
        return values;
    }
}
