package dev.probe.model;

import java.util.List;

/**
 * A loaded pretrained transformer that returns per-layer activations for padded token batches.
 *
 * <p>Implementations hold native memory (weights) and must be closed. {@link #forward} frees everything it allocates
 * before it returns; it may be called from several threads at once (each call works in its own scope and the weights
 * are only read).
 */
public interface Transformer extends AutoCloseable {

    /** Shape facts of this model. */
    ModelInfo info();

    /**
     * Runs one batch and returns the activations of the requested layers.
     *
     * @param batch padded token ids; sequences no longer than {@link ModelInfo#maxTokens()}
     * @param point which neurons to read
     * @param layers layer indices from {@link ModelInfo#availableLayers(ProbePoint)}, in the order wanted
     */
    LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers);

    @Override
    void close();
}
