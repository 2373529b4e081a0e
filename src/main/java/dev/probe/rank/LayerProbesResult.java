package dev.probe.rank;

import dev.probe.Provenance;

/**
 * The content of {@code layers.json}.
 *
 * @param formatVersion 1
 * @param tool who wrote it and when
 * @param inputs the stores (with the SHA-256 of their manifests), model, layers and label column ({@code probe} is
 *     always null)
 * @param settings what was asked for
 * @param layers the per-layer (and per-window) probes and the majority baseline
 * @param seconds wall time of the whole computation
 */
public record LayerProbesResult(int formatVersion, Provenance tool, RankingResult.Inputs inputs,
        LayerSettings settings, LayerTable layers, double seconds) {
    /** Current format version. */
    public static final int FORMAT_VERSION = 1;
}
