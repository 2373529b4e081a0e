package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.model.ForwardResult;
import dev.probe.model.Intervention;
import dev.probe.model.LayerOutputs;
import dev.probe.model.LmScores;
import dev.probe.model.ModelInfo;
import dev.probe.model.ProbePoint;
import dev.probe.model.TokenBatch;
import dev.probe.model.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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
        /**
         * @param layer the block (0-based)
         * @param x its input
         * @param ffnEdit applied by the block to its FFN neurons before the FFN output projection
         */
        BlockOutput apply(int layer, NDArray x, UnaryOperator<NDArray> ffnEdit);
    }

    /**
     * Runs {@code layers} blocks on the embedding output. Each block runs in its own sub-scope, so its intermediate
     * arrays (projections, attention scores, …) are freed as soon as it returns: peak memory is one block's worth, not
     * the whole network's. Only the outputs move to the batch scope.
     *
     * @param embeddings hidden state 0, in the batch scope
     * @param layers number of blocks
     * @param keepFfn whether to keep each block's FFN activations
     * @param edits neuron edits: hidden states 0..layers-1 are edited before the next block reads them, FFN layer
     *     {@code l} inside block {@code l}; the last hidden state is edited by {@link #forward} after {@link #run}
     *     returns (after any final norm)
     * @param step applies block {@code layer} (0-based) to its input
     */
    protected static States stack(NDArray embeddings, int layers, boolean keepFfn, Edits edits, BlockStep step) {
        List<NDArray> hidden = new ArrayList<>(layers + 1);
        List<NDArray> ffn = new ArrayList<>(keepFfn ? layers : 0);
        NDArray x = edits.hidden(0, embeddings);
        hidden.add(x);
        NDManager batch = embeddings.getManager();
        for (int layer = 0; layer < layers; layer++) {
            int block = layer + 1;
            try (NDManager local = batch.newSubManager()) {
                local.tempAttachAll(x); // results of operations on x now land in the block scope
                BlockOutput out = step.apply(layer, x, f -> edits.ffn(block, f));
                NDArray h = block < layers ? edits.hidden(block, out.hidden()) : out.hidden();
                h.attach(batch);
                if (keepFfn) {
                    out.ffn().attach(batch);
                    ffn.add(out.ffn());
                }
                x = h;
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
     * @param edits the neuron edits to apply inside the pass ({@link #stack} applies them)
     */
    protected abstract States run(Inputs inputs, boolean keepFfn, Edits edits);

    /** The checkpoint's language-modelling head, or null when it has none (the default). */
    protected LmHead lmHead() {
        return null;
    }

    @Override
    public final ModelInfo info() {
        return info;
    }

    @Override
    public final LayerOutputs forward(TokenBatch batch, ProbePoint point, List<Integer> layers) {
        return pass(batch, point, layers, Intervention.NONE, false, false).layers();
    }

    @Override
    public final boolean supportsInterventions() {
        return true;
    }

    @Override
    public final boolean hasLmHead() {
        return lmHead() != null;
    }

    @Override
    public final ForwardResult forward(TokenBatch batch, ProbePoint point, List<Integer> layers,
            Intervention intervention, boolean withLm) {
        return pass(batch, point, layers, intervention, withLm, true);
    }

    /** One pass; the model's output (and LM scores) are copied out only when {@code withOutput}. */
    private ForwardResult pass(TokenBatch batch, ProbePoint point, List<Integer> layers, Intervention intervention,
            boolean withLm, boolean withOutput) {
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
        checkWidths(intervention);
        boolean wantFfn = point == ProbePoint.FFN;
        try (NDManager scope = weights.newSubManager()) {
            Shape shape = new Shape(batch.size(), batch.length());
            Inputs inputs = new Inputs(scope, scope.create(batch.inputIds(), shape),
                    scope.create(batch.attentionMask(), shape), scope.create(batch.tokenTypeIds(), shape));
            Edits edits = new Edits(intervention);
            States states = run(inputs, wantFfn, edits);
            int last = states.hidden().size() - 1;
            states.hidden().set(last, edits.hidden(last, states.hidden().get(last)));
            List<float[]> values = new ArrayList<>(layers.size());
            for (int layer : layers) {
                NDArray array = wantFfn ? states.ffn().get(layer - 1) : states.hidden().get(layer);
                values.add(array.toFloatArray());
            }
            LayerOutputs outputs = new LayerOutputs(batch.size(), batch.length(), info.width(point), layers, values);
            if (!withOutput) {
                return new ForwardResult(outputs, null, null);
            }
            boolean lm = withLm && lmHead() != null;
            NDArray output = states.hidden().get(last);
            LmScores scores = lm ? lmHead().score(output, inputs.inputIds(), batch.size(), batch.length()) : null;
            return new ForwardResult(outputs, output.toFloatArray(), scores);
        }
    }

    private void checkWidths(Intervention intervention) {
        for (ProbePoint p : ProbePoint.values()) {
            List<Integer> available = info.availableLayers(p);
            intervention.at(p).forEach((layer, edit) -> {
                if (!available.contains(layer)) {
                    throw new IllegalArgumentException("no layer " + layer + " at " + p.id() + " to edit; available: "
                            + available);
                }
                if (edit.span() > info.width(p)) {
                    throw new IllegalArgumentException("edit of unit " + (edit.span() - 1) + " at " + p.id()
                            + " layer " + layer + ", which has " + info.width(p) + " neurons");
                }
            });
        }
    }

    @Override
    public void close() {
        weights.close();
    }
}
