package dev.probe.rank;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What {@code probe layers} does: train one probe per layer of the stores (and per window of layers), each on that
 * layer's neurons only, and write a layers folder ({@code layers.json}, {@code layers.html}, {@code layers.svg}).
 *
 * @param train the training store
 * @param dev the development store (each layer's minimal set is chosen on it)
 * @param test the test store, or null
 * @param settings what to compute
 * @param out the layers folder to create
 * @param force replace a layers folder this tool wrote there
 */
public record LayerProbesRequest(Path train, Path dev, Path test, LayerSettings settings, Path out, boolean force) {
    /** Requires the training and development stores, the settings and the output. */
    public LayerProbesRequest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(out, "out");
    }

    /** Per-layer probes of these stores with the default settings, into a new folder. */
    public static LayerProbesRequest of(Path train, Path dev, Path test, Path out) {
        return new LayerProbesRequest(train, dev, test, LayerSettings.defaults(), out, false);
    }

    /** This request with other settings. */
    public LayerProbesRequest with(LayerSettings other) {
        return new LayerProbesRequest(train, dev, test, other, out, force);
    }

    /** The stores read: the output must not name or hold them. */
    public List<Path> inputs() {
        return Stream.of(train, dev, test).filter(Objects::nonNull).toList();
    }
}
