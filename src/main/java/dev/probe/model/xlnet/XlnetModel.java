package dev.probe.model.xlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.ModelInfo;
import dev.probe.model.Weights;
import dev.probe.model.nn.Edits;
import dev.probe.model.nn.NdTransformer;
import dev.probe.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Hugging Face {@code XLNetModel} as used for feature extraction: the content stream of the bidirectional relative
 * attention ({@code attn_type="bi"}), no memory, no permutation mask, no target mapping.
 *
 * <p>Conventions: the token type ids are the XLNet segment ids (they matter only through equality; the HF tokenizer
 * gives A=0, B=1, {@code <cls>}=2, pad=3) and are always used, so the segment term is present as when Hugging Face is
 * given {@code token_type_ids}. Key j is hidden from query i when j is padding and j ≠ i (a padded query sees only
 * itself). Any padding side works; Hugging Face's tokenizer pads on the left. Relative encodings are
 * {@code [sin(p·f), cos(p·f)]} for distances p = S, S-1, …, -S+1 and {@code f = 10000^(-2k/d_model)}.
 *
 * <p>Hidden state 0 is the raw word embedding {@code [batch, seq, d_model]} (no LayerNorm, no positions); state i the
 * output of layer i, in batch-first layout. The FFN neurons {@code [batch, seq, d_inner]} are the input of
 * {@code ff.layer_2}.
 */
public final class XlnetModel extends NdTransformer {
    private final NDArray wordEmbedding;
    private final List<XlnetBlock> blocks;
    private final XlnetConfig config;

    private XlnetModel(NDManager manager, XlnetConfig c, Weights w) throws ProbeException {
        super(manager, new ModelInfo("xlnet", c.layers(), c.dModel(), c.dInner(), c.maxTokens()));
        wordEmbedding = w.get("word_embedding.weight", c.vocabSize(), c.dModel());
        config = c;
        blocks = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            blocks.add(new XlnetBlock(w, c, i));
        }
    }

    /**
     * Loads an XLNet checkpoint ({@code mask_emb}, used only by the query stream, is not read).
     *
     * @param manager a fresh manager that will own the weights
     */
    public static XlnetModel load(ModelConfig config, Weights weights, NDManager manager) throws ProbeException {
        return new XlnetModel(manager, XlnetConfig.from(config), weights);
    }

    @Override
    protected States run(Inputs in, boolean keepFfn, Edits edits) {
        int length = (int) in.inputIds().getShape().get(1);
        NDArray posEmb = relativeEncodings(in.scope(), length, config.dModel(), config.clampLen());
        NDArray types = in.tokenTypeIds();
        NDArray segmentDiff = types.expandDims(2).neq(types.expandDims(1)).expandDims(1)
                .toType(DataType.FLOAT32, false);
        NDArray position = in.scope().arange(0, length, 1, DataType.INT64);
        NDArray notSelf = position.reshape(length, 1).neq(position.reshape(1, length));
        NDArray padKey = in.attentionMask().eq(0).expandDims(1).expandDims(1);
        NDArray maskPenalty = padKey.logicalAnd(notSelf).toType(DataType.FLOAT32, false).mul(1e30f);

        NDArray x = Ops.embedding(in.inputIds(), wordEmbedding);
        States states = stack(x, blocks.size(), keepFfn, edits,
                (layer, h, ffnEdit) -> blocks.get(layer).forward(h, posEmb, segmentDiff, maskPenalty, ffnEdit));
        return states;
    }

    /**
     * Sinusoidal relative encodings {@code [2·length, dModel]}: row r encodes distance {@code p = length - r} (clamped to
     * {@code ±clampLen} when positive) as {@code [sin(p·f_0..), cos(p·f_0..)]}, {@code f_k = 1/10000^(2k/dModel)},
     * computed in float32 as Hugging Face does.
     */
    static NDArray relativeEncodings(NDManager scope, int length, int dModel, int clampLen) {
        int half = dModel / 2;
        int rows = 2 * length;
        float[] values = new float[rows * dModel];
        for (int r = 0; r < rows; r++) {
            float p = length - r;
            if (clampLen > 0) {
                p = Math.max(-clampLen, Math.min(clampLen, p));
            }
            for (int k = 0; k < half; k++) {
                float freq = (float) (1.0 / (float) Math.pow(10000.0, (float) (2 * k) / dModel));
                float angle = p * freq;
                values[r * dModel + k] = (float) Math.sin(angle);
                values[r * dModel + half + k] = (float) Math.cos(angle);
            }
        }
        return scope.create(values, new Shape(rows, dModel));
    }
}
