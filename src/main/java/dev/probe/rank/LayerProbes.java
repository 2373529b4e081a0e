package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.Threads;
import dev.probe.probe.ClassificationMetrics;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeData;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import dev.probe.probe.solver.Convergence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Per-layer probes (Durrani et al., EMNLP 2020; NeuroX's per-layer analysis): for each layer of the stores, and for
 * each window of adjacent layers when asked, a probe on those neurons only (same settings as every other probe), its
 * dev/test accuracy, its selectivity against the control task, and its minimal neuron set: the LCA ordering of that
 * probe's weights ({@link LcaRanker}) searched by {@link MinimalSetSearch} with the same δ as {@code probe rank}, so
 * the set is within δ of that layer's own probe. The majority-class baseline is reported beside them.
 */
public final class LayerProbes {
    private LayerProbes() {
    }

    /**
     * Opens the request's stores and computes the probes; writes nothing.
     *
     * @param progress told about each probe
     * @param warnings told one line for each probe that stops before the optimality threshold
     * @throws ProbeException when a store is unreadable, the stores do not fit together, or the window is wider than
     *     the stores' layers
     */
    public static LayerProbesResult compute(LayerProbesRequest request, Consumer<String> progress,
            Consumer<String> warnings) throws ProbeException {
        long start = System.nanoTime();
        LayerSettings settings = request.settings();
        Threads.configureForTraining();
        try (ActivationStore train = ActivationStore.open(request.train());
                ActivationStore dev = ActivationStore.open(request.dev());
                ActivationStore test = request.test() == null ? null : ActivationStore.open(request.test())) {
            checkWindow(train, settings.window());
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(train, dev, test, settings.label()),
                    settings.options());
            LayerTable table = table(splits, settings, progress, warnings);
            return new LayerProbesResult(LayerProbesResult.FORMAT_VERSION, Provenance.now(), inputs(splits), settings,
                    table, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * The probes of prepared splits (the stores' layers come from the training store's manifest).
     *
     * @param settings the probe settings, δ, window and control task ({@code label} is the splits' already)
     * @throws ProbeException when the window is wider than the stores' layers or a split holds a non-finite value
     */
    public static LayerTable table(PreparedSplits splits, LayerSettings settings, Consumer<String> progress,
            Consumer<String> warnings) throws ProbeException {
        ActivationStore store = splits.inputs().splits().get(0).store();
        checkWindow(store, settings.window());
        StoreManifest m = store.manifest();
        ProbeOptions options = settings.options();
        progress.accept("training statistics");
        TrainingStatistics stats = ProbeTraining.statistics(splits, options);
        PreparedSplits control = null;
        TrainingStatistics controlStats = null;
        if (settings.control()) {
            progress.accept("control task statistics");
            control = ProbeTraining.controlSplits(splits, options, options.seed() + 1);
            controlStats = ProbeTraining.statistics(control, options);
        }
        List<LayerTable.Row> rows = new ArrayList<>();
        List<Integer> layers = m.layers();
        for (int i = 0; i < layers.size(); i++) {
            rows.add(row("layer", layers.subList(i, i + 1), i * m.width(), m.width(), splits, stats, control,
                    controlStats, settings, progress, warnings));
        }
        if (settings.window() != null) {
            int k = settings.window();
            for (int i = 0; i + k <= layers.size(); i++) {
                rows.add(row("window", layers.subList(i, i + k), i * m.width(), k * m.width(), splits, stats, control,
                        controlStats, settings, progress, warnings));
            }
        }
        return new LayerTable(settings.window(), majority(splits, stats), rows);
    }

    private static LayerTable.Row row(String kind, List<Integer> layers, int first, int count, PreparedSplits splits,
            TrainingStatistics stats, PreparedSplits control, TrainingStatistics controlStats, LayerSettings settings,
            Consumer<String> progress, Consumer<String> warnings) throws ProbeException {
        long start = System.nanoTime();
        ProbeOptions options = settings.options();
        int[] ids = new int[count];
        for (int j = 0; j < count; j++) {
            ids[j] = first + j;
        }
        String name = LayerTable.nameOf(layers);
        Features features = new Features(ids, null, null);
        progress.accept(name + ": probe on " + count + " neurons");
        ElasticNetTrainer.Result fitted = ProbeTraining.fit(splits, stats, features, options, null, f -> { });
        warnIfNotConverged(warnings, fitted.convergence(), "the probe on " + name);
        LinearProbe probe = fitted.probe();
        Scorer scorer = new Scorer(splits, options, count, stats, probe, warnings);
        RankingResult.Point point = scorer.score(probe, count, true).trainedWith(fitted.convergence());
        double controlDev = Double.NaN;
        double controlTest = Double.NaN;
        Convergence controlConvergence = null;
        if (control != null) {
            progress.accept(name + ": control task");
            ElasticNetTrainer.Result c = ProbeTraining.fit(control, controlStats, features, options, null, f -> { });
            warnIfNotConverged(warnings, c.convergence(), "the control-task probe on " + name);
            controlDev = accuracy(c.probe(), control.get("dev"));
            controlTest = accuracy(c.probe(), control.get("test"));
            controlConvergence = c.convergence();
        }
        progress.accept(name + ": minimal neuron set");
        int[] local = new LcaRanker().rank(new Ranker.Input(splits, stats, probe, options)).order();
        int[] order = new int[local.length];
        for (int j = 0; j < local.length; j++) {
            order[j] = ids[local[j]];
        }
        MinimalSetSearch.Outcome search = MinimalSetSearch.run(order, point, settings.delta() / 100,
                MinimalSetSearch.SCHEDULE, reporting(scorer, name, progress));
        RankingResult.Point best = search.best();
        RankingResult.MinimalSet minimal = new RankingResult.MinimalSet(best.size(), (double) best.size() / count,
                best.dev(), best.test(), Arrays.copyOf(order, best.size()));
        return new LayerTable.Row(kind, List.copyOf(layers), first, count, point.dev(), point.test(), controlDev,
                controlTest, point.dev() - controlDev, minimal, fitted.convergence(), controlConvergence,
                (System.nanoTime() - start) / 1e9);
    }

    /** The scorer, telling {@code progress} about each probe the minimal-set search retrains. */
    private static SubsetScorer reporting(Scorer scorer, String name, Consumer<String> progress) {
        return new SubsetScorer() {
            @Override
            public RankingResult.Point retrained(int[] neurons) throws ProbeException {
                progress.accept(name + ": minimal neuron set, retraining on " + neurons.length + " neurons");
                return scorer.retrained(neurons);
            }

            @Override
            public GridSearch.Trial trial(double l1, double l2, Ranker ranker) throws ProbeException {
                return scorer.trial(l1, l2, ranker);
            }
        };
    }

    /** The most frequent training class (lowest class id on a tie) and its accuracy on each split. */
    static LayerTable.Majority majority(PreparedSplits splits, TrainingStatistics stats) {
        double[] counts = stats.weightTotals();
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[best]) {
                best = c;
            }
        }
        return new LayerTable.Majority(splits.labels().labels().get(best), share(splits.train(), best),
                share(splits.get("dev"), best), share(splits.get("test"), best));
    }

    private static double share(ProbeData data, int label) {
        if (data == null || data.size() == 0) {
            return Double.NaN;
        }
        long hits = Arrays.stream(data.classes()).filter(c -> c == label).count();
        return (double) hits / data.size();
    }

    private static double accuracy(LinearProbe probe, ProbeData data) throws ProbeException {
        return data == null ? Double.NaN
                : ((ClassificationMetrics) ProbeTraining.evaluate(probe, data)).accuracy();
    }

    private static void warnIfNotConverged(Consumer<String> warnings, Convergence c, String what) {
        if (!c.converged()) {
            warnings.accept(c.warning(what));
        }
    }

    /** Fails, naming the store's manifest, when the window is wider than the store's layers. */
    static void checkWindow(ActivationStore store, Integer window) throws ProbeException {
        int layers = store.manifest().layers().size();
        if (window != null && window > layers) {
            throw new ProbeException(store.dir().resolve(StoreManifest.FILE_NAME), "--window " + window
                    + " is wider than the " + layers + " layers of the store " + store.manifest().layers());
        }
    }

    private static RankingResult.Inputs inputs(PreparedSplits splits) throws ProbeException {
        return RankJob.inputs(splits, splits.inputs().splits().get(0).store().manifest(),
                splits.train().matrix().cols(), null);
    }
}
