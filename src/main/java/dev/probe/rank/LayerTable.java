package dev.probe.rank;

import dev.probe.probe.solver.Convergence;
import java.util.List;

/**
 * Probes trained on one layer's neurons at a time (and on windows of adjacent layers), against the majority-class
 * baseline: the rows of {@code layers.json} and of {@code per_layer} in {@code ranking.json}. Accuracies are fractions
 * in [0, 1]; a missing one (no test store, no control task) is NaN, written as null.
 *
 * @param window layers per window, or null when only single layers were probed
 * @param majority the majority-class baseline
 * @param rows one per layer of the stores in their order, then one per window
 */
public record LayerTable(Integer window, Majority majority, List<Row> rows) {

    /** The name of a layer or window in reports: "layer 3" or "layers 2–4". */
    static String nameOf(List<Integer> layers) {
        return layers.size() == 1 ? "layer " + layers.get(0)
                : "layers " + layers.get(0) + "–" + layers.get(layers.size() - 1);
    }

    /**
     * The majority-class baseline: always predict the training set's most frequent class (after {@code --min-count}
     * folding), scored like a probe (labels unseen in training count as errors).
     *
     * @param label that class
     * @param train its share of the training rows
     * @param dev accuracy on dev
     * @param test accuracy on test, or NaN without a test store
     */
    public record Majority(String label, double train, double dev, double test) {
    }

    /**
     * One probe on a layer or a window of layers.
     *
     * @param kind "layer" or "window"
     * @param layers the layers it reads (model layer indices, as the store's manifest names them)
     * @param firstNeuron the first neuron id it reads; it reads {@code neurons} consecutive ids
     * @param neurons how many neurons it reads
     * @param dev dev accuracy
     * @param test test accuracy, or NaN without a test store
     * @param controlDev dev accuracy of the same probe trained on the control task, or NaN without a control task
     * @param controlTest test accuracy of the control-task probe, or NaN
     * @param selectivity {@code dev − controlDev}, or NaN without a control task
     * @param minimalSet the smallest prefix of this probe's LCA ordering whose retrained probe stays within δ of it on
     *     dev ({@code fraction} is the share of this row's neurons)
     * @param convergence how this probe's optimisation ended
     * @param controlConvergence how the control-task probe's optimisation ended, or null without a control task
     * @param seconds wall time of this row
     */
    public record Row(String kind, List<Integer> layers, int firstNeuron, int neurons, double dev, double test,
            double controlDev, double controlTest, double selectivity, RankingResult.MinimalSet minimalSet,
            Convergence convergence, Convergence controlConvergence, double seconds) {
        /** The row's name in reports: "layer 3" or "layers 2–4". */
        public String name() {
            return nameOf(layers);
        }
    }
}
