package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.model.LayerOutputs;
import dev.probe.model.ModelInfo;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.Transformer;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the architectures written on DJL NDArrays. It owns the weights' manager, opens one sub-manager per batch
 * and closes it before returning, so nothing a forward pass allocates outlives it. The loader caps the weights'
 * manager once the weights are in, so an operation that would attach to it fails loudly instead of leaking.
 */
public abstract class NdTransformer implements Transformer {
    private final NDManager weights;
    private final ModelInfo info;

    /**
     * @param weights the manager that owns the loaded parameters (closed with this model)
     * @param info shape facts
     */
    protected NdTransformer(NDManager weights, ModelInfo info) {
        this.weights = weights;
        this.info = info;
    }

    /** Inputs of one batch, attached to the batch scope. */
    public record Inputs(NDManager scope, NDArray inputIds, NDArray attentionMask, NDArray tokenTypeIds) {
    }

    /**
     * Activations of one batch.
     *
     * @param hidden L+1 arrays {@code [batch, seq, hidden]}: the embedding output, then each block's output
     * @param ffn L arrays {@code [batch, seq, ffn]} when they were asked for, else empty
     */
    public record States(List<NDArray> hidden, List<NDArray> ffn) {
    }

    /** One block applied to the previous hidden state. */
    @FunctionalInterface
    protected interface BlockStep {
        BlockOutput apply(int layer, NDArray x);
    }

    /**
     * Runs {@code layers} blocks on the embedding output. Each block runs in its own sub-scope, so its intermediate
     * arrays (projections, attention scores, …) are freed as soon as it returns: peak memory is one block's worth, not
     * the whole network's. Only the outputs move to the batch scope.
     *
     * @param embeddings hidden state 0, in the batch scope
     * @param layers number of blocks
     * @param keepFfn whether to keep each block's FFN activations
     * @param step applies block {@code layer} (0-based) to its input
     */
    protected static States stack(NDArray embeddings, int layers, boolean keepFfn, BlockStep step) {
        List<NDArray> hidden = new ArrayList<>(layers + 1);
        List<NDArray> ffn = new ArrayList<>(keepFfn ? layers : 0);
        hidden.add(embeddings);
        NDArray x = embeddings;
        NDManager batch = embeddings.getManager();
        for (int layer = 0; layer < layers; layer++) {
            try (NDManager local = batch.newSubManager()) {
                local.tempAttachAll(x); // results of operations on x now land in the block scope
                BlockOutput out = step.apply(layer, x);
                out.hidden().attach(batch);
                if (keepFfn) {
                    out.ffn().attach(batch);
                    ffn.add(out.ffn());
                }
                x = out.hidden();
            }
            hidden.add(x);
        }
        return new States(hidden, ffn);
    }

    /**
     * Runs the network on one batch. Every array it makes must derive from the inputs (so it lives in the batch
     * scope): call operations on activations, passing weights as arguments.
     *
     * @param keepFfn whether to collect the FFN activations of each block
     */
    protected abstract States run(Inputs inputs, boolean keepFfn);

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers) {
        List<Integer> available = info.availableLayers(point);
        for (int layer : layers) {
            if (!available.contains(layer)) {
                throw new IllegalArgumentException("layer " + layer + " is not available at " + point.id()
                        + "; available: " + available);
            }
        }
        if (batch.length() > info.maxTokens()) {
            throw new IllegalArgumentException("batch length " + batch.length() + " exceeds the model maximum " + info.maxTokens());
        }
        try (NDManager scope = weights.newSubManager()) {
            Shape shape = new Shape(batch.size(), batch.length());
            Inputs inputs = new Inputs(scope, scope.create(batch.inputIds(), shape),
                    scope.create(batch.attentionMask(), shape), scope.create(batch.tokenTypeIds(), shape));
            States states = run(inputs, point == ProbePoint.FFN);
            List<float[]> values = new ArrayList<>(layers.size());
            for (int layer : layers) {
                NDArray array = point == ProbePoint.HIDDEN ? states.hidden().get(layer) : states.ffn().get(layer - 1);
                values.add(array.toFloatArray());
            }
            return new LayerOutputs(batch.size(), batch.length(), info.width(point), layers, values);
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
