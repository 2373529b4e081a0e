package dev.probe.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.LmHead;
import dev.probe.model.nn.MaskedLmHead;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.List;

/**
 * Hugging Face {@code BertModel} without its pooler: word + position + token-type embeddings and LayerNorm, then
 * post-LayerNorm blocks. Hidden state 0 is the embedding output, state i the output of block i.
 */
public final class BertModel extends NdTransformer {
    private final BertEmbeddings embeddings;
    private final List<BertBlock> blocks;
    private final LmHead head;

    private BertModel(NDManager manager, BertConfig c, Weights w) throws ProbeException {
        super(manager, new ModelInfo("bert", c.layers(), c.hiddenSize(), c.intermediateSize(), c.maxPositions()));
        embeddings = new BertEmbeddings(w, c.vocabSize(), c.maxPositions(), c.typeVocabSize(), c.hiddenSize(),
                c.layerNormEps());
        blocks = BertBlock.loadAll(w, "encoder.layer.", c.layers(), BertBlock.Names.BERT, c.hiddenSize(),
                c.intermediateSize(), c.heads(), c.layerNormEps(), Ops::geluErf);
        head = MaskedLmHead.loadIfPresent(w, MaskedLmHead.Names.BERT, c.hiddenSize(), c.vocabSize(),
                c.layerNormEps(), Ops::geluErf, embeddings.word());
    }

    /**
     * Loads a BERT checkpoint. On failure the manager is closed.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static BertModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new BertModel(manager, BertConfig.from(config), weights);
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
