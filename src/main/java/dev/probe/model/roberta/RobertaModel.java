package dev.probe.model.roberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.bert.BertBlock;
import dev.probe.model.bert.BertConfig;
import dev.probe.model.bert.BertEmbeddings;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.LmHead;
import dev.probe.model.nn.MaskedLmHead;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.List;

/**
 * Hugging Face {@code RobertaModel} without its pooler (also {@code xlm-roberta} and {@code camembert}, which share the
 * code): BERT embeddings and post-LayerNorm blocks, except that position ids come from the token ids.
 *
 * <p>Positions: with {@code p} = {@code pad_token_id} and {@code real[b, t] = (input_ids[b, t] != p)},
 * {@code position[b, t] = cumsum_t(real)[b, t] · real[b, t] + p}, so real tokens get {@code p+1, p+2, …} in order and
 * padding gets {@code p}, whatever the attention mask says (as {@code create_position_ids_from_input_ids} does).
 * Hidden state 0 is the embedding LayerNorm output {@code [batch, seq, hidden]}, state i the output of block i.
 */
public final class RobertaModel extends NdTransformer {
    private final BertEmbeddings embeddings;
    private final List<BertBlock> blocks;
    private final long paddingIdx;
    private final LmHead head;

    private RobertaModel(NDManager manager, String type, RobertaConfig rc, Weights w) throws ProbeException {
        super(manager, new ModelInfo(type, rc.bert().layers(), rc.bert().hiddenSize(), rc.bert().intermediateSize(),
                rc.maxTokens()));
        BertConfig c = rc.bert();
        embeddings = new BertEmbeddings(w, c.vocabSize(), c.maxPositions(), c.typeVocabSize(), c.hiddenSize(),
                c.layerNormEps());
        paddingIdx = rc.paddingIdx();
        blocks = BertBlock.loadAll(w, "encoder.layer.", c.layers(), BertBlock.Names.BERT, c.hiddenSize(),
                c.intermediateSize(), c.heads(), c.layerNormEps(), Ops::geluErf);
        head = MaskedLmHead.loadIfPresent(w, MaskedLmHead.Names.ROBERTA, c.hiddenSize(), c.vocabSize(),
                c.layerNormEps(), Ops::geluErf, embeddings.word());
    }

    /**
     * Loads a RoBERTa-family checkpoint; {@link ModelInfo#architecture()} reports the config's {@code model_type}.
     *
     * @param manager a fresh manager that will own the weights
     */
    public static RobertaModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new RobertaModel(manager, config.modelType(), RobertaConfig.from(config), weights);
    }

    /** Position ids {@code [batch, seq]} (int64) derived from the token ids as described in the class comment. */
    static NDArray positionIds(NDArray inputIds, long paddingIdx) {
        NDArray real = inputIds.neq(paddingIdx).toType(DataType.INT64, false);
        return real.cumSum(1).mul(real).add(paddingIdx);
    }

    @Override
    protected LmHead lmHead() {
        return head;
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        NDArray x = embeddings.forward(in.inputIds(), positionIds(in.inputIds(), paddingIdx), in.tokenTypeIds());
        NDArray bias = Ops.keyMaskBias(in.attentionMask());
        return stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, bias, ffnEdit));
    }
}
