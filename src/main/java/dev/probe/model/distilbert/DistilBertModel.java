package dev.probe.model.distilbert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.bert.BertBlock;
import dev.probe.model.bert.BertEmbeddings;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.LmHead;
import dev.probe.model.nn.MaskedLmHead;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.List;

/**
 * Hugging Face {@code DistilBertModel}: word + position embeddings (positions 0..S-1, no token types) and LayerNorm,
 * then post-LayerNorm blocks with BERT's maths under DistilBERT's parameter names. Token type ids are ignored.
 * Hidden state 0 is the embedding LayerNorm output {@code [batch, seq, dim]}, state i the output of block i; the FFN
 * neurons {@code [batch, seq, hidden_dim]} are the input of {@code ffn.lin2}.
 */
public final class DistilBertModel extends NdTransformer {
    /** DistilBERT's names inside {@code transformer.layer.<i>.}. */
    static final BertBlock.Names NAMES = new BertBlock.Names("attention.q_lin", "attention.k_lin", "attention.v_lin",
            "attention.out_lin", "sa_layer_norm", "ffn.lin1", "ffn.lin2", "output_layer_norm", "weight", "bias");

    private final BertEmbeddings embeddings;
    private final List<BertBlock> blocks;
    private final LmHead head;

    private DistilBertModel(NDManager manager, DistilBertConfig c, Weights w) throws ProbeException {
        super(manager, new ModelInfo("distilbert", c.layers(), c.dim(), c.hiddenDim(), c.maxPositions()));
        embeddings = new BertEmbeddings(w, c.vocabSize(), c.maxPositions(), 0, c.dim(), DistilBertConfig.LAYER_NORM_EPS);
        blocks = BertBlock.loadAll(w, "transformer.layer.", c.layers(), NAMES, c.dim(), c.hiddenDim(), c.heads(),
                DistilBertConfig.LAYER_NORM_EPS, c.activation());
        head = MaskedLmHead.loadIfPresent(w, MaskedLmHead.Names.DISTILBERT, c.dim(), c.vocabSize(),
                DistilBertConfig.LAYER_NORM_EPS, c.activation(), embeddings.word());
    }

    /**
     * Loads a DistilBERT checkpoint.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static DistilBertModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new DistilBertModel(manager, DistilBertConfig.from(config), weights);
    }

    @Override
    protected LmHead lmHead() {
        return head;
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        NDArray x = embeddings.forward(in.inputIds(), BertEmbeddings.absolutePositions(in.scope(), in.inputIds()),
                in.tokenTypeIds());
        NDArray bias = Ops.keyMaskBias(in.attentionMask());
        return stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, bias, ffnEdit));
    }
}
