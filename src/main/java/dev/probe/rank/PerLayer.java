package dev.probe.rank;

/**
 * Per-layer probes as part of a ranking ({@code probe rank --per-layer}): the same rows as {@code probe layers} with
 * the ranking's label, probe settings (λ as chosen), δ and control task, stored in {@link RankingResult#perLayer()}.
 *
 * @param window also one probe per contiguous window of this many layers (2 or more), or null
 */
public record PerLayer(Integer window) {
    /** Checks the window. */
    public PerLayer {
        LayerSettings.checkWindow(window);
    }
}
