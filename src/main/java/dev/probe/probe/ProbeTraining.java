package dev.probe.probe;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.StoreManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Trains and scores probes on prepared splits: the oracle on all neurons, probes on neuron subsets, the control task.
 * Later stages (rankings, ablations, λ grids) call these.
 */
public final class ProbeTraining {
    private ProbeTraining() {
    }

    /**
     * A trained probe with its metrics.
     *
     * @param probe the probe
     * @param training how it was trained (null for a probe given, not trained)
     * @param metrics split name → {@link ClassificationMetrics} or {@link RegressionMetrics}
     */
    public record Trained(LinearProbe probe, ProbeReport.Training training, Map<String, Metrics> metrics) {
        /** Accuracy on a split (classification), or NaN. */
        public double accuracy(String split) {
            return metrics.get(split) instanceof ClassificationMetrics m ? m.accuracy() : Double.NaN;
        }
    }

    /**
     * Checks a neuron list against the stores' width.
     *
     * @param neurons neuron ids, or null for all
     * @param columns the stores' neuron count
     */
    public static Features features(int[] neurons, int columns) throws ProbeException {
        if (neurons == null) {
            return Features.all();
        }
        if (neurons.length == 0) {
            throw new ProbeException("the neuron list is empty");
        }
        LinkedHashSet<Integer> seen = new LinkedHashSet<>();
        for (int n : neurons) {
            if (n < 0 || n >= columns) {
                throw new ProbeException("neuron " + n + " is out of range: the stores have neurons 0.." + (columns - 1));
            }
            if (!seen.add(n)) {
                throw new ProbeException("neuron " + n + " is listed twice");
            }
        }
        return new Features(neurons.clone(), null, null);
    }

    /**
     * The statistics of the training split over all neurons (one pass; also checks the training activations for NaN
     * and infinity).
     */
    public static TrainingStatistics statistics(PreparedSplits splits, ProbeOptions options) throws ProbeException {
        int outputs = splits.labels() == null ? 1 : splits.labels().size();
        return ElasticNetTrainer.statistics(splits.train(), outputs, DesignBlocks.ROWS);
    }

    /** Trains on the training split and scores every split. */
    public static Trained train(PreparedSplits splits, TrainingStatistics stats, Features features,
            ProbeOptions options, ElasticNetTrainer.Listener listener) throws ProbeException {
        ElasticNetTrainer.Result result = fit(splits, stats, features, options, null, listener);
        return new Trained(result.probe(), training(result), evaluate(result.probe(), splits));
    }

    /**
     * Trains on the training split without scoring.
     *
     * @param warmStart a probe to start from, or null
     */
    public static ElasticNetTrainer.Result fit(PreparedSplits splits, TrainingStatistics stats, Features features,
            ProbeOptions options, LinearProbe warmStart, ElasticNetTrainer.Listener listener) {
        return ElasticNetTrainer.fit(splits.train(), stats, features, splits.labels(), options, warmStart, listener);
    }

    /** The probe.json record of how a probe was trained. */
    public static ProbeReport.Training training(ElasticNetTrainer.Result result) {
        return new ProbeReport.Training(result.convergence().seconds(), result.convergence());
    }

    /**
     * Scores a probe on every split.
     *
     * @throws ProbeException naming the file, row and neuron of the first non-finite activation read
     */
    public static Map<String, Metrics> evaluate(LinearProbe probe, PreparedSplits splits) throws ProbeException {
        Map<String, Metrics> metrics = new LinkedHashMap<>();
        for (ProbeData d : splits.data()) {
            metrics.put(d.name(), evaluate(probe, d));
        }
        return metrics;
    }

    /**
     * Scores a probe on one split.
     *
     * @throws ProbeException naming the file, row and neuron of the first non-finite activation read
     */
    public static Metrics evaluate(LinearProbe probe, ProbeData data) throws ProbeException {
        if (probe.task() == ProbeOptions.Task.REGRESSION) {
            return RegressionMetrics.of(data.targets(), ProbeScorer.scores(probe, data));
        }
        return ClassificationMetrics.of(data.classes(), ProbeScorer.predict(probe, data), probe.labels().labels());
    }

    /**
     * Trains the same probe on the control task and reports selectivity per split.
     *
     * @param seed seeds the control labelling
     * @throws ProbeException when a split holds a non-finite activation
     */
    public static ProbeReport.Control control(PreparedSplits splits, Trained task, Features features,
            ProbeOptions options, long seed) throws ProbeException {
        PreparedSplits control = controlSplits(splits, options, seed);
        Trained trained = train(control, statistics(control, options), features, options, f -> { });
        Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
        Map<String, Double> selectivity = new LinkedHashMap<>();
        trained.metrics().forEach((split, m) -> {
            metrics.put(split, (ClassificationMetrics) m);
            selectivity.put(split, task.accuracy(split) - ((ClassificationMetrics) m).accuracy());
        });
        return new ProbeReport.Control(metrics, selectivity, trained.training());
    }

    /**
     * The same rows labelled with the control task (Hewitt and Liang 2019): each word type of every split gets a
     * random label drawn from the training label distribution; probes on several neuron sets can share it.
     *
     * @param seed seeds the control labelling
     */
    public static PreparedSplits controlSplits(PreparedSplits splits, ProbeOptions options, long seed) {
        List<List<String>> tokens = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ProbeInputs.Split s : splits.inputs().splits()) {
            tokens.add(s.tokens());
            all.addAll(s.tokens());
        }
        Map<String, String> assignment = ControlTask.assign(splits.inputs().splits().get(0).labels(), all, seed);
        List<List<String>> controlLabels = new ArrayList<>();
        for (List<String> t : tokens) {
            controlLabels.add(ControlTask.relabel(t, assignment));
        }
        return splits.relabel(controlLabels, options.minCount());
    }

    /** The probe.json record of a trained probe. */
    public static ProbeReport report(PreparedSplits splits, Trained trained, ProbeOptions options,
            ProbeReport.Control control) throws ProbeException {
        StoreManifest m = splits.inputs().splits().get(0).store().manifest();
        Map<String, ProbeReport.StoreRef> stores = new LinkedHashMap<>();
        for (ProbeInputs.Split s : splits.inputs().splits()) {
            stores.put(s.name(), new ProbeReport.StoreRef(s.store().dir().toAbsolutePath().toString(),
                    s.store().manifestSha256(), s.rows().length));
        }
        LinearProbe probe = trained.probe();
        int[] neurons = probe.features().neurons();
        if (neurons == null) {
            neurons = new int[probe.width()];
            for (int i = 0; i < neurons.length; i++) {
                neurons[i] = i;
            }
        }
        return new ProbeReport(ProbeReport.FORMAT_VERSION, Provenance.now(), options.task().name().toLowerCase(
                java.util.Locale.ROOT), options, stores,
                new ProbeReport.ModelRef(m.model().spec(), m.model().architecture(), m.model().configSha256(),
                        m.model().weightsSha256(), m.model().randomInit()),
                m.point(), m.layers(), m.width(), neurons, splits.inputs().label(), splits.labels() == null ? List.of() : splits.labels().labels(),
                splits.labels() == null ? List.of() : splits.labels().folded(), splits.unseen(),
                trained.training(), trained.metrics(), control);
    }
}
