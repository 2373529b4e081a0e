package dev.probe.cli;

import dev.probe.rank.RankingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code probe rank --json} prints: the figures of the key-value summary, with the same names. Test accuracies
 * are null without a test store.
 *
 * @param label the annotation column predicted
 * @param method the ranking method
 * @param oracle the probe on all neurons
 * @param selectivity dev accuracy minus control-task dev accuracy, or null without a control task
 * @param minimalSet the minimal neuron set
 * @param retrained10 kind (top, random, bottom) → the retrained probe on 10 % of the neurons
 * @param layers layer → neurons of the minimal set in it
 * @param report the HTML report
 */
record RankSummary(String label, String method, Accuracy oracle, Double selectivity, MinimalSet minimalSet,
        Map<String, Accuracy> retrained10, Map<Integer, Integer> layers, String report) {

    /** Dev and test accuracy (test null without a test store). */
    record Accuracy(double dev, Double test) {
        static Accuracy of(double dev, double test) {
            return new Accuracy(dev, Double.isNaN(test) ? null : test);
        }
    }

    /** Size, share of all neurons, accuracies and the neuron ids. */
    record MinimalSet(int size, double fraction, double dev, Double test, List<Integer> neurons) {
    }

    static RankSummary of(RankingResult r, Path report) {
        Map<String, Accuracy> keep = new LinkedHashMap<>();
        for (RankingResult.Keep k : r.keep()) {
            if (k.percent() == 10) {
                keep.put(k.kind(), Accuracy.of(k.retrained().dev(), k.retrained().test()));
            }
        }
        Map<Integer, Integer> layers = new LinkedHashMap<>();
        r.layers().counts().forEach(l -> layers.put(l.layer(), l.count()));
        RankingResult.MinimalSet m = r.minimalSet();
        double selectivity = r.oracle().selectivity();
        String method = r.request() == null ? "lca" : r.request().method().id();
        return new RankSummary(r.inputs().labelColumn(), method, Accuracy.of(r.oracle().dev(), r.oracle().test()),
                Double.isNaN(selectivity) ? null : selectivity,
                new MinimalSet(m.size(), m.fraction(), m.dev(), Double.isNaN(m.test()) ? null : m.test(),
                        java.util.Arrays.stream(m.neurons()).boxed().toList()),
                keep, layers, report.toString());
    }
}
