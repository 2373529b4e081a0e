package dev.probe.rank;

import dev.probe.InvalidRequest;
import dev.probe.probe.ProbeOptions;
import java.util.Objects;

/**
 * What {@code probe layers} computes, apart from where its inputs and output are; recorded in {@code layers.json}.
 *
 * @param label the annotation column to predict, as the stores name it; null for the training store's default label
 * @param options the probes' settings
 * @param delta allowed dev-accuracy drop of each layer's minimal neuron set against that layer's probe, in accuracy
 *     points, 0..100 (as {@code probe rank --delta})
 * @param window also train one probe per contiguous window of this many layers of the stores (2 or more), or null
 * @param control also train the control task per layer and report selectivity
 */
public record LayerSettings(String label, ProbeOptions options, double delta, Integer window, boolean control) {
    /** Checks the values. */
    public LayerSettings {
        Objects.requireNonNull(options, "options");
        if (options.task() != ProbeOptions.Task.CLASSIFICATION) {
            throw new InvalidRequest("task", "per-layer probes work on classification probes");
        }
        InvalidRequest.check("delta", delta, 0, 100);
        checkWindow(window);
    }

    /** The defaults: the default label, default probes, δ = 1 point, no windows, no control task. */
    public static LayerSettings defaults() {
        return new LayerSettings(null, ProbeOptions.defaults(), 1.0, null, false);
    }

    /** These settings with windows of {@code layers} layers (null: none). */
    public LayerSettings withWindow(Integer layers) {
        return new LayerSettings(label, options, delta, layers, control);
    }

    /** The per-layer settings of a ranking: its label, probe settings (λ as chosen), δ and control task. */
    static LayerSettings of(RankSettings ranking, ProbeOptions chosen, Integer window) {
        return new LayerSettings(ranking.label(), chosen, ranking.delta(), window, ranking.control());
    }

    /**
     * Fails unless {@code window} is null or at least 2 (whether the stores have that many layers is known only once
     * they are open: {@link LayerProbes}).
     */
    static void checkWindow(Integer window) {
        if (window != null && window < 2) {
            throw new InvalidRequest("window", "must be at least 2 layers (each layer has its own probe anyway), found "
                    + window);
        }
    }
}
