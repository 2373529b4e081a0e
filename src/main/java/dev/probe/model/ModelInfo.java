package dev.probe.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What callers need to know about a loaded transformer.
 *
 * @param architecture the Hugging Face {@code model_type} ("bert", …) or "torchscript"
 * @param layers number of blocks L
 * @param hiddenSize width of a hidden state
 * @param ffnSize number of FFN neurons per block (0 when unknown, e.g. for TorchScript)
 * @param maxTokens the longest token sequence one forward pass accepts, special tokens included
 */
public record ModelInfo(String architecture, int layers, int hiddenSize, int ffnSize, int maxTokens) {

    /** Neurons per layer at a probing point. */
    public int width(ProbePoint point) {
        return point == ProbePoint.HIDDEN ? hiddenSize : ffnSize;
    }

    /**
     * The layer indices available at a probing point: 0..L for hidden states (0 = embeddings), 1..L for FFN neurons.
     */
    public List<Integer> availableLayers(ProbePoint point) {
        List<Integer> result = new ArrayList<>();
        for (int i = point == ProbePoint.HIDDEN ? 0 : 1; i <= layers; i++) {
            result.add(i);
        }
        return result;
    }
}
