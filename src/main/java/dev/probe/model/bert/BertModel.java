package dev.probe.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face {@code BertModel} without its pooler: word + position + token-type embeddings and LayerNorm, then
 * post-LayerNorm blocks. Hidden state 0 is the embedding output, state i the output of block i.
 */
public final class BertModel extends NdTransformer {
    private final NDArray wordEmbeddings, positionEmbeddings, typeEmbeddings, embLnW, embLnB;
    private final List<BertBlock> blocks;
    private final float eps;

    private BertModel(NDManager manager, BertConfig c, Weights w) throws ProbeException {
        super(manager, new ModelInfo("bert", c.layers(), c.hiddenSize(), c.intermediateSize(), c.maxPositions()));
        int h = c.hiddenSize();
        wordEmbeddings = w.get("embeddings.word_embeddings.weight", c.vocabSize(), h);
        positionEmbeddings = w.get("embeddings.position_embeddings.weight", c.maxPositions(), h);
        typeEmbeddings = w.get("embeddings.token_type_embeddings.weight", c.typeVocabSize(), h);
        embLnW = w.get("embeddings.LayerNorm.weight", h);
        embLnB = w.get("embeddings.LayerNorm.bias", h);
        eps = c.layerNormEps();
        blocks = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            blocks.add(new BertBlock(w, "encoder.layer." + i + ".", BertBlock.Names.BERT, h, c.intermediateSize(),
                    c.heads(), eps, Ops::geluErf));
        }
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
    protected States run(Inputs in, boolean keepFfn) {
        long length = in.inputIds().getShape().get(1);
        NDArray positions = in.scope().arange(0, (int) length, 1, DataType.INT64);
        NDArray x = Ops.embedding(in.inputIds(), wordEmbeddings)
                .add(Ops.embedding(positions, positionEmbeddings))
                .add(Ops.embedding(in.tokenTypeIds(), typeEmbeddings));
        x = Ops.layerNorm(x, embLnW, embLnB, eps);
        NDArray bias = Ops.keyMaskBias(in.attentionMask());
        States states = stack(x, blocks.size(), keepFfn, (layer, h) -> blocks.get(layer).forward(h, bias));
        return states;
    }
}
