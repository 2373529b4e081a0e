package dev.probe.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
 * Hugging Face {@code GPT2Model}: word + learned position embeddings, pre-LayerNorm blocks with causal attention, final
 * LayerNorm {@code ln_f}.
 *
 * <p>Conventions, as {@code GPT2Model} with an attention mask and no {@code position_ids}: positions are 0..S-1 whatever
 * the padding (so right padding is the layout that keeps real tokens at their usual positions); a key is hidden from a
 * query when it is padding or comes later. Token type ids are ignored (GPT-2 has no token types).
 *
 * <p>Hidden state 0 is the embedding sum {@code [batch, seq, hidden]}; states 1..L-1 the raw block outputs; state L is
 * the last block's output AFTER {@code ln_f}, as Hugging Face reports it. The FFN neurons {@code [batch, seq, inner]}
 * are the input of {@code mlp.c_proj}.
 */
public final class Gpt2Model extends NdTransformer {
    private final NDArray wte, wpe, lnFW, lnFB;
    private final List<Gpt2Block> blocks;
    private final float eps;
    private final LmHead head;

    private Gpt2Model(NDManager manager, ModelConfig config, Gpt2Config c, Weights w) throws ProbeException {
        super(manager, new ModelInfo("gpt2", c.layers(), c.hidden(), c.inner(), c.maxPositions()));
        wte = w.get("wte.weight", c.vocabSize(), c.hidden());
        wpe = w.get("wpe.weight", c.maxPositions(), c.hidden());
        lnFW = w.get("ln_f.weight", c.hidden());
        lnFB = w.get("ln_f.bias", c.hidden());
        eps = c.layerNormEps();
        blocks = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            blocks.add(new Gpt2Block(w, c, i));
        }
        head = CausalLmHead.loadIfPresent(config, w, c.hidden(), c.vocabSize(), wte);
    }

    /**
     * Loads a GPT-2 checkpoint. Buffers that older checkpoints carry ({@code h.<i>.attn.bias}, {@code masked_bias}) are
     * not read.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static Gpt2Model load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new Gpt2Model(manager, config, Gpt2Config.from(config), weights);
    }

    @Override
    protected LmHead lmHead() {
        return head;
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        long length = in.inputIds().getShape().get(1);
        NDArray positions = in.scope().arange(0, (int) length, 1, DataType.INT64);
        NDArray x = Ops.embedding(in.inputIds(), wte).add(Ops.embedding(positions, wpe));
        NDArray bias = Ops.causalMaskBias(in.attentionMask(), 0);
        States states = stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, bias, ffnEdit));
        int last = states.hidden().size() - 1;
        states.hidden().set(last, Ops.layerNorm(states.hidden().get(last), lnFW, lnFB, eps));
        return states;
    }
}
