package dev.probe.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import dev.probe.model.nn.BlockOutput;
import dev.probe.model.nn.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One post-LayerNorm encoder block: self-attention, residual, LayerNorm; FFN (dense, activation, dense), residual,
 * LayerNorm. Weights use Hugging Face's {@code [out, in]} layout.
 */
public final class BertBlock {
    private final NDArray qkvW, qkvB, oW, oB, attnLnW, attnLnB, inW, inB, outW, outB, outLnW, outLnB;
    private final int heads;
    private final float eps;
    private final UnaryOperator<NDArray> activation;

    /** Names of one block's parameters relative to its prefix, in the BERT layout. */
    public record Names(String query, String key, String value, String attentionOut, String attentionNorm,
            String intermediate, String output, String outputNorm, String weight, String bias) {
        /** The BERT names ({@code attention.self.query}, …). */
        public static final Names BERT = new Names("attention.self.query", "attention.self.key",
                "attention.self.value", "attention.output.dense", "attention.output.LayerNorm",
                "intermediate.dense", "output.dense", "output.LayerNorm", "weight", "bias");
    }


    /**
     * Loads a block.
     *
     * @param weights the checkpoint
     * @param prefix the block's name prefix, e.g. {@code encoder.layer.3.}
     * @param names the parameter names inside the block
     * @param hidden hidden size
     * @param ffn intermediate size
     * @param heads attention heads
     * @param eps LayerNorm epsilon
     * @param activation the FFN activation
     */
    public BertBlock(Weights weights, String prefix, Names names, int hidden, int ffn, int heads, float eps,
            UnaryOperator<NDArray> activation) throws ProbeException {
        String w = "." + names.weight();
        String b = "." + names.bias();
        // q, k and v fused into one [3·hidden, hidden] projection: one matrix product instead of three
        qkvW = weights.get(prefix + names.query() + w, hidden, hidden)
                .concat(weights.get(prefix + names.key() + w, hidden, hidden), 0)
                .concat(weights.get(prefix + names.value() + w, hidden, hidden), 0);
        qkvB = weights.get(prefix + names.query() + b, hidden)
                .concat(weights.get(prefix + names.key() + b, hidden), 0)
                .concat(weights.get(prefix + names.value() + b, hidden), 0);
        oW = weights.get(prefix + names.attentionOut() + w, hidden, hidden);
        oB = weights.get(prefix + names.attentionOut() + b, hidden);
        attnLnW = weights.get(prefix + names.attentionNorm() + w, hidden);
        attnLnB = weights.get(prefix + names.attentionNorm() + b, hidden);
        inW = weights.get(prefix + names.intermediate() + w, ffn, hidden);
        inB = weights.get(prefix + names.intermediate() + b, ffn);
        outW = weights.get(prefix + names.output() + w, hidden, ffn);
        outB = weights.get(prefix + names.output() + b, hidden);
        outLnW = weights.get(prefix + names.outputNorm() + w, hidden);
        outLnB = weights.get(prefix + names.outputNorm() + b, hidden);
        this.heads = heads;
        this.eps = eps;
        this.activation = activation;
    }

    /**
     * Loads {@code layers} blocks named {@code <prefix><i>.<names>}.
     *
     * @param prefix e.g. {@code encoder.layer.}
     */
    public static List<BertBlock> loadAll(Weights weights, String prefix, int layers, Names names, int hidden, int ffn,
            int heads, float eps, UnaryOperator<NDArray> activation) throws ProbeException {
        List<BertBlock> blocks = new ArrayList<>(layers);
        for (int i = 0; i < layers; i++) {
            blocks.add(new BertBlock(weights, prefix + i + ".", names, hidden, ffn, heads, eps, activation));
        }
        return List.copyOf(blocks);
    }

    /**
     * Runs the block.
     *
     * @param x input hidden state {@code [batch, seq, hidden]}
     * @param maskBias additive attention mask {@code [batch, 1, 1, seq]}
     * @param ffnEdit applied to the FFN neurons before the output projection (the identity when nothing is edited)
     */
    public BlockOutput forward(NDArray x, NDArray maskBias, UnaryOperator<NDArray> ffnEdit) {
        NDList qkv = Ops.linear(x, qkvW, qkvB).split(3, 2);
        NDArray q = Ops.splitHeads(qkv.get(0), heads);
        NDArray k = Ops.splitHeads(qkv.get(1), heads);
        NDArray v = Ops.splitHeads(qkv.get(2), heads);
        NDArray context = Ops.mergeHeads(Ops.attention(q, k, v, maskBias));
        NDArray attended = Ops.layerNorm(Ops.linear(context, oW, oB).add(x), attnLnW, attnLnB, eps);
        NDArray ffn = ffnEdit.apply(activation.apply(Ops.linear(attended, inW, inB)));
        NDArray out = Ops.layerNorm(Ops.linear(ffn, outW, outB).add(attended), outLnW, outLnB, eps);
        return new BlockOutput(out, ffn);
    }
}
