package dev.probe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.nn.CausalLmHead;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.LmHead;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face {@code LlamaModel} (and {@code MistralModel}, {@code Qwen2Model}, which differ only in biases and the
 * sliding window): token embeddings, pre-RMSNorm decoder layers with rotary causal grouped-query attention and a SwiGLU
 * MLP, final RMSNorm {@code norm}.
 *
 * <p>Conventions, as Hugging Face with an attention mask and no {@code position_ids}: positions are 0..S-1 whatever the
 * padding (pad on the right); a key is hidden from a query when it is padding or comes later. Token type ids are
 * ignored.
 *
 * <p>Hidden state 0 is the token embedding {@code [batch, seq, hidden]}; states 1..L-1 the raw layer outputs; state L
 * is the last layer's output AFTER {@code norm}, as Hugging Face reports it. The FFN neurons
 * {@code [batch, seq, intermediate]} are the gated product {@code act(gate_proj(x)) · up_proj(x)}, the input of
 * {@code down_proj}.
 */
public final class LlamaModel extends NdTransformer {
    private final NDArray embed, norm;
    private final List<LlamaBlock> blocks;
    private final LlamaConfig config;
    private final LmHead head;

    private LlamaModel(NDManager manager, ModelConfig hf, String type, LlamaConfig c, Weights w)
            throws ProbeException {
        super(manager, new ModelInfo(type, c.layers(), c.hidden(), c.intermediate(), c.maxPositions()));
        embed = w.get("embed_tokens.weight", c.vocabSize(), c.hidden());
        norm = w.get("norm.weight", c.hidden());
        config = c;
        blocks = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            blocks.add(new LlamaBlock(w, c, i));
        }
        head = CausalLmHead.loadIfPresent(hf, w, c.hidden(), c.vocabSize(), embed);
    }

    /**
     * Loads a {@code llama}, {@code mistral} or {@code qwen2} checkpoint; {@link ModelInfo#architecture()} reports the
     * config's {@code model_type}. Rotary buffers that older checkpoints carry ({@code rotary_emb.inv_freq}) are not
     * read: the tables are computed from {@code rope_theta}.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static LlamaModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        String type = config.modelType();
        return new LlamaModel(manager, config, type, LlamaConfig.from(config, type), weights);
    }

    @Override
    protected LmHead lmHead() {
        return head;
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        int length = (int) in.inputIds().getShape().get(1);
        Rope rope = Rope.of(in.scope(), length, config.headDim(), config.ropeTheta());
        NDArray bias = Ops.causalMaskBias(in.attentionMask(), config.slidingWindow());
        NDArray x = Ops.embedding(in.inputIds(), embed);
        States states = stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, rope, bias, ffnEdit));
        int last = states.hidden().size() - 1;
        states.hidden().set(last, Ops.rmsNorm(states.hidden().get(last), norm, config.rmsNormEps()));
        return states;
    }
}
