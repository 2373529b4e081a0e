package dev.probe.probe;

import dev.probe.Provenance;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code probe.json}: settings, inputs, labels, timing and metrics of one probe.
 *
 * @param formatVersion 1
 * @param tool who wrote it and when
 * @param task "classification" or "regression"
 * @param options training settings
 * @param stores split name → the store it came from
 * @param model the model the activations came from
 * @param point "hidden" or "ffn"
 * @param layers the stores' layers
 * @param width neurons per layer
 * @param neurons the neuron ids the probe reads (all of them when {@code neuronCount} equals the stores' width)
 * @param labels class labels in class-id order (classification)
 * @param foldedLabels training labels folded into {@link LabelIndex#OTHER} by {@code --min-count}
 * @param unseen split name → rows whose label training never saw (scored as errors)
 * @param timing training seconds, per epoch and in all
 * @param metrics split name → metrics (a {@link ClassificationMetrics} or {@link RegressionMetrics})
 * @param control control-task metrics and selectivity, or null
 */
public record ProbeReport(int formatVersion, Provenance tool, String task, ProbeOptions options,
        Map<String, StoreRef> stores, ModelRef model, String point, List<Integer> layers, int width, int[] neurons,
        List<String> labels, List<String> foldedLabels, Map<String, Integer> unseen, Timing timing,
        Map<String, Object> metrics, Control control) {

    /** Current format version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * An input store.
     *
     * @param path its directory
     * @param manifestSha256 SHA-256 of its manifest.json
     * @param rows rows used from it
     */
    public record StoreRef(String path, String manifestSha256, int rows) {
    }

    /**
     * The model behind the activations.
     *
     * @param spec alias or path
     * @param architecture model type
     * @param configSha256 SHA-256 of its config
     */
    public record ModelRef(String spec, String architecture, String configSha256) {
    }

    /**
     * Training time.
     *
     * @param seconds all epochs
     * @param epochSeconds per epoch
     * @param epochLoss mean training loss per epoch
     */
    public record Timing(double seconds, double[] epochSeconds, double[] epochLoss) {
    }

    /**
     * The control task.
     *
     * @param metrics split name → metrics of the probe trained on control labels
     * @param selectivity split name → task accuracy − control accuracy
     */
    public record Control(Map<String, ClassificationMetrics> metrics, Map<String, Double> selectivity) {
    }

    /** The accuracy of a classification split, or NaN. */
    public double accuracy(String split) {
        Object m = metrics.get(split);
        return m instanceof ClassificationMetrics c ? c.accuracy()
                : m instanceof Map<?, ?> map && map.get("accuracy") instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
