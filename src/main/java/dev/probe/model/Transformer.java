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

    /** Whether {@link #forward(TokenBatch, ProbePoint, List, Intervention, boolean)} accepts edits (a TorchScript module does not). */
    default boolean supportsInterventions() {
        return false;
    }

    /** Whether the checkpoint has a language-modelling head that {@link ForwardResult#lm()} can report. */
    default boolean hasLmHead() {
        return false;
    }

    /**
     * Runs one batch with neurons edited inside the forward pass ({@link Intervention}), and also returns the model's
     * own output and, when asked and the checkpoint has one, the LM head's scores.
     *
     * @param intervention the edits ({@link Intervention#NONE} for the model's own pass)
     * @param withLm whether to score tokens with the LM head (ignored when {@link #hasLmHead()} is false)
     * @throws UnsupportedOperationException when the model cannot apply edits
     */
    default ForwardResult forward(TokenBatch batch, ProbePoint point, List<Integer> layers, Intervention intervention,
            boolean withLm) {
        throw new UnsupportedOperationException(info().architecture() + " models do not support interventions");
    }

    @Override
    void close();
}
