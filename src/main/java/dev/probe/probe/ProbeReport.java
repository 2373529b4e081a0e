package dev.probe.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.probe.Provenance;
import dev.probe.model.init.RandomInit;
import dev.probe.probe.solver.Convergence;
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
 * @param label the stores' annotation column the labels (or regression targets) came from
 * @param labels class labels in class-id order (classification)
 * @param foldedLabels training labels folded into {@link LabelIndex#OTHER} by {@code --min-count}
 * @param unseen split name → rows whose label training never saw (scored as errors)
 * @param training how the probe was trained: time and convergence (null for a probe given, not trained)
 * @param metrics split name → metrics (a {@link ClassificationMetrics} or {@link RegressionMetrics})
 * @param control control-task metrics and selectivity, or null
 */
public record ProbeReport(int formatVersion, Provenance tool, String task, ProbeOptions options,
        Map<String, StoreRef> stores, ModelRef model, String point, List<Integer> layers, int width, int[] neurons,
        String label, List<String> labels, List<String> foldedLabels, Map<String, Integer> unseen, Training training,
        Map<String, Metrics> metrics, Control control) {

    /** Current format version (2: solver convergence replaces per-epoch timing; 3: the label column). */
    public static final int FORMAT_VERSION = 3;

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
     * @param weightsSha256 the stores' {@code model.weights_sha256}; absent in probes written before it was recorded
     * @param randomInit the stores' {@code model.random_init} ({@code extract --random-init}); absent for real weights
     */
    public record ModelRef(String spec, String architecture, String configSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) String weightsSha256,
            @JsonInclude(JsonInclude.Include.NON_NULL) RandomInit randomInit) {
        /** A model whose weights were not recorded. */
        public ModelRef(String spec, String architecture, String configSha256) {
            this(spec, architecture, configSha256, null, null);
        }
    }

    /**
     * How a probe was trained.
     *
     * @param seconds wall time of the optimisation
     * @param convergence how it ended
     */
    public record Training(double seconds, Convergence convergence) {
    }

    /**
     * The control task.
     *
     * @param metrics split name → metrics of the probe trained on control labels
     * @param selectivity split name → task accuracy − control accuracy
     * @param training how the control probe was trained
     */
    public record Control(Map<String, ClassificationMetrics> metrics, Map<String, Double> selectivity,
            Training training) {
    }
}
