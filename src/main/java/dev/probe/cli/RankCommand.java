package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeArtifact;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.rank.RankJob;
import dev.probe.rank.RankingResult;
import dev.probe.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code probe rank}: which neurons, how many, in which layers. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank neurons (LCA), find the minimal neuron set, compare top/random/bottom sets and ablations,"
                + " and write ranking.json, report.md, report.html and plots.")
public final class RankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ProbeSettings settings;

    @Option(names = "--train", required = true, paramLabel = "STORE", description = "Training store.")
    Path train;

    @Option(names = "--dev", required = true, paramLabel = "STORE", description = "Development store.")
    Path dev;

    @Option(names = "--test", paramLabel = "STORE", description = "Test store.")
    Path test;

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

    @Option(names = "--control", description = "Train the control task too and report selectivity.")
    boolean control;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Output folder to create.")
    Path out;

    @Option(names = "--force",
            description = "Replace a rank folder written by probe (never another folder or an input).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        ProbeOptions options = settings.options();
        if (options.task() != ProbeOptions.Task.CLASSIFICATION) {
            throw new ProbeException("rank works on classification probes (--task classification)");
        }
        if (!(delta >= 0 && delta <= 100)) {
            throw new ProbeException("--delta must be between 0 and 100 accuracy points, found " + delta);
        }
        double[] values = grid || gridValues != null ? parseGrid(gridValues) : null;
        OutputGuard.check(out, OutputKind.RANKING, force,
                Stream.of(train, dev, test, probe).filter(Objects::nonNull).toList());
        ProbeSettings.configureEngine();
        PrintWriter err = spec.commandLine().getErr();
        try (AtomicDirectory outDir = AtomicDirectory.create(out, OutputKind.RANKING, force);
                ActivationStore trainStore = ActivationStore.open(train);
                ActivationStore devStore = ActivationStore.open(dev);
                ActivationStore testStore = test == null ? null : ActivationStore.open(test)) {
            LinearProbe given = null;
            if (probe != null) {
                ProbeArtifact.Loaded loaded = ProbeArtifact.read(probe);
                for (ActivationStore s : new ActivationStore[] {trainStore, devStore, testStore}) {
                    if (s != null) {
                        ProbeArtifact.checkCompatible(loaded, probe, s);
                    }
                }
                given = loaded.probe();
                if (given.width() != trainStore.matrix().cols()) {
                    throw new ProbeException(probe, "the probe reads " + given.width() + " neurons; rank needs a probe"
                            + " over all " + trainStore.matrix().cols() + " neurons of the stores");
                }
            }
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(trainStore, devStore, testStore), options);
            if (given != null && !given.labels().labels().equals(splits.labels().labels())) {
                throw new ProbeException(probe, "the probe's labels differ from the training store's labels");
            }
            RankJob.Request request = new RankJob.Request(splits, options, given,
                    probe == null ? null : probe.toAbsolutePath().toString(), delta, values, control);
            boolean chatty = !logging.quiet;
            long start = System.nanoTime();
            RankJob.Outcome outcome = RankJob.run(request, stage -> {
                if (chatty) {
                    err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, stage);
                    err.flush();
                }
            }, warning -> {
                err.println(warning);
                err.flush();
            });
            write(outDir, outcome);
            summary(spec.commandLine().getOut(), outcome.result());
        }
        return 0;
    }

    private void write(AtomicDirectory dir, RankJob.Outcome outcome) throws ProbeException {
        try {
            Path d = dir.path();
            Files.writeString(d.resolve("ranking.json"),
                    Json.writer(RankingResult.class).writeValueAsString(outcome.result()) + "\n", StandardCharsets.UTF_8);
            ReportWriter.write(outcome.result(), d);
            ProbeArtifact.writeInto(d.resolve("probe"), out.resolve("probe"), outcome.oracleReport(), outcome.oracle());
            dir.commit();
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the ranking: " + e.getMessage(), e);
        }
    }

    private void summary(PrintWriter w, RankingResult r) {
        w.printf(Locale.ROOT, "oracle\tdev %.4f\ttest %.4f%n", r.oracle().dev(), r.oracle().test());
        if (!Double.isNaN(r.oracle().selectivity())) {
            w.printf(Locale.ROOT, "selectivity\t%.4f%n", r.oracle().selectivity());
        }
        w.printf(Locale.ROOT, "minimal_set\t%d neurons (%.1f %%)\tdev %.4f\ttest %.4f%n", r.minimalSet().size(),
                100 * r.minimalSet().fraction(), r.minimalSet().dev(), r.minimalSet().test());
        for (RankingResult.Keep k : r.keep()) {
            if (k.percent() == 10) {
                w.printf(Locale.ROOT, "%s_10%%\tretrained dev %.4f\ttest %.4f%n", k.kind(), k.retrained().dev(),
                        k.retrained().test());
            }
        }
        w.printf(Locale.ROOT, "layers\t%s%n", r.layers().counts().stream()
                .map(l -> l.layer() + ":" + l.count()).reduce((a, b) -> a + " " + b).orElse(""));
        w.printf(Locale.ROOT, "report\t%s%n", out.resolve("report.html"));
        w.flush();
    }

    private static double[] parseGrid(String text) throws ProbeException {
        if (text == null) {
            return RankJob.DEFAULT_GRID.clone();
        }
        List<String> parts = List.of(text.split(","));
        double[] values = parts.stream().map(String::trim).filter(p -> !p.isEmpty()).mapToDouble(p -> {
            try {
                return Double.parseDouble(p);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }).toArray();
        if (values.length == 0) {
            throw new ProbeException("--grid-values: the grid is empty");
        }
        for (double v : values) {
            if (!(v >= 0)) {
                throw new ProbeException("--grid-values: '" + text + "' must be a comma-separated list of λ ≥ 0");
            }
        }
        return values;
    }
}
