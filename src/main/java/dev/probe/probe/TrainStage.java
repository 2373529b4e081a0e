package dev.probe.probe;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.model.Threads;
import java.util.function.Consumer;

/** The probe-training stage: one {@link TrainRequest} in, one probe folder on disk, its report out. */
public final class TrainStage {
    private TrainStage() {
    }

    /**
     * Runs the request.
     *
     * @param progress told the share of the training done
     * @param warnings told one line for each probe that stops before the optimality threshold
     * @return the probe's report, as written to {@code probe.json}
     * @throws ProbeException when a store is unreadable or lacks the column, or the output may not be written
     */
    public static ProbeReport run(TrainRequest request, ElasticNetTrainer.Listener progress,
            Consumer<String> warnings) throws ProbeException {
        ProbeOptions options = request.options();
        OutputGuard.check(request.out(), OutputKind.PROBE, request.force(), request.inputs());
        Threads.configureForTraining();
        try (AtomicDirectory outDir = AtomicDirectory.create(request.out(), OutputKind.PROBE, request.force());
                ActivationStore train = ActivationStore.open(request.train());
                ActivationStore dev = request.dev() == null ? null : ActivationStore.open(request.dev());
                ActivationStore test = request.test() == null ? null : ActivationStore.open(request.test())) {
            ProbeInputs inputs = request.split() != null
                    ? ProbeInputs.split(train, request.split().stream().mapToInt(Integer::intValue).toArray(),
                            options.seed(), request.label())
                    : ProbeInputs.ofStores(train, dev, test, request.label());
            PreparedSplits splits = PreparedSplits.of(inputs, options);
            Features features = ProbeTraining.features(request.neurons() == null ? null
                    : request.neurons().stream().mapToInt(Integer::intValue).toArray(), train.matrix().cols());
            TrainingStatistics stats = ProbeTraining.statistics(splits, options);
            ProbeTraining.Trained trained = ProbeTraining.train(splits, stats, features, options, progress);
            warnIfNotConverged(warnings, "the probe", trained.training());
            ProbeReport.Control control = request.control() && options.task() == ProbeOptions.Task.CLASSIFICATION
                    ? ProbeTraining.control(splits, trained, features, options, options.seed() + 1) : null;
            if (control != null) {
                warnIfNotConverged(warnings, "the control-task probe", control.training());
            }
            ProbeReport report = ProbeTraining.report(splits, trained, options, control);
            ProbeArtifact.write(outDir, report, trained.probe());
            return report;
        }
    }

    private static void warnIfNotConverged(Consumer<String> warnings, String what, ProbeReport.Training training) {
        if (training != null && !training.convergence().converged()) {
            warnings.accept(training.convergence().warning(what));
        }
    }
}
