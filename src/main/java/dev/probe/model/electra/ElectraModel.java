package dev.probe.model.electra;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.bert.BertBlock;
import dev.probe.model.bert.BertConfig;
import dev.probe.model.bert.BertEmbeddings;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.List;

/**
 * Hugging Face {@code ElectraModel} (the discriminator's base model, no head): BERT embeddings (word + position 0..S-1 +
 * token type, LayerNorm) of width {@code embedding_size}, then {@code embeddings_project} to {@code hidden_size} when
 * the widths differ, then BERT blocks.
 *
 * <p>Hidden state 0 is the embedding output AFTER the projection {@code [batch, seq, hidden]}; state i the output of
 * block i; the FFN neurons {@code [batch, seq, intermediate]} are the input of {@code output.dense}.
 */
public final class ElectraModel extends NdTransformer {
    private final BertEmbeddings embeddings;
    private final NDArray projectW, projectB;
    private final List<BertBlock> blocks;

    private ElectraModel(NDManager manager, ElectraConfig ec, Weights w) throws ProbeException {
        super(manager, new ModelInfo("electra", ec.bert().layers(), ec.bert().hiddenSize(),
                ec.bert().intermediateSize(), ec.bert().maxPositions()));
        BertConfig c = ec.bert();
        int e = ec.embeddingSize();
        int h = c.hiddenSize();
        embeddings = new BertEmbeddings(w, c.vocabSize(), c.maxPositions(), c.typeVocabSize(), e, c.layerNormEps());
        projectW = ec.projects() ? w.get("embeddings_project.weight", h, e) : null;
        projectB = ec.projects() ? w.get("embeddings_project.bias", h) : null;
        blocks = BertBlock.loadAll(w, "encoder.layer.", c.layers(), BertBlock.Names.BERT, h, c.intermediateSize(),
                c.heads(), c.layerNormEps(), Ops::geluErf);
    }

    /**
     * Loads an ELECTRA checkpoint.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static ElectraModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new ElectraModel(manager, ElectraConfig.from(config), weights);
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        NDArray x = embeddings.forward(in.inputIds(), BertEmbeddings.absolutePositions(in.scope(), in.inputIds()),
                in.tokenTypeIds());
        if (projectW != null) {
            x = Ops.linear(x, projectW, projectB);
        }
        NDArray bias = Ops.keyMaskBias(in.attentionMask());
        return stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, bias, ffnEdit));
    }
}
