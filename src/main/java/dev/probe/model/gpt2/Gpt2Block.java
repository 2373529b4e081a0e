package dev.probe.model.gpt2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import dev.probe.model.nn.BlockOutput;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * One pre-LayerNorm GPT-2 block: {@code x + attn(ln_1(x))}, then {@code x + mlp(ln_2(x))}. Weights are
 * {@code Conv1D}s stored {@code [in, out]} ({@code y = x·W + b}); {@code c_attn} holds q | k | v along its output axis.
 */
final class Gpt2Block {
    private final NDArray ln1W, ln1B, attnW, attnB, attnProjW, attnProjB, ln2W, ln2B, fcW, fcB, projW, projB;
    private final int heads;
    private final float eps;
    private final float scale;
    private final UnaryOperator<NDArray> activation;


    /**
     * Loads block {@code layer} (0-based) from the names under {@code h.<layer>.}.
     */
    Gpt2Block(Weights w, Gpt2Config c, int layer) throws ProbeException {
        String p = "h." + layer + ".";
        int h = c.hidden();
        ln1W = w.get(p + "ln_1.weight", h);
        ln1B = w.get(p + "ln_1.bias", h);
        attnW = w.get(p + "attn.c_attn.weight", h, 3L * h);
        attnB = w.get(p + "attn.c_attn.bias", 3L * h);
        attnProjW = w.get(p + "attn.c_proj.weight", h, h);
        attnProjB = w.get(p + "attn.c_proj.bias", h);
        ln2W = w.get(p + "ln_2.weight", h);
        ln2B = w.get(p + "ln_2.bias", h);
        fcW = w.get(p + "mlp.c_fc.weight", h, c.inner());
        fcB = w.get(p + "mlp.c_fc.bias", c.inner());
        projW = w.get(p + "mlp.c_proj.weight", c.inner(), h);
        projB = w.get(p + "mlp.c_proj.bias", h);
        heads = c.heads();
        eps = c.layerNormEps();
        scale = c.scoreScale(layer);
        activation = c.activation();
    }

    /**
     * Runs the block.
     *
     * @param x input hidden state {@code [batch, seq, hidden]}
     * @param maskBias causal + padding mask {@code [batch, 1, seq, seq]}
     * @param ffnEdit applied to the FFN neurons before the output projection (the identity when nothing is edited)
     */
    BlockOutput forward(NDArray x, NDArray maskBias, UnaryOperator<NDArray> ffnEdit) {
        NDList qkv = Ops.linearInOut(Ops.layerNorm(x, ln1W, ln1B, eps), attnW, attnB).split(3, 2);
        NDArray q = Ops.splitHeads(qkv.get(0), heads);
        NDArray k = Ops.splitHeads(qkv.get(1), heads);
        NDArray v = Ops.splitHeads(qkv.get(2), heads);
        NDArray context = Ops.mergeHeads(Ops.attention(q, k, v, maskBias, scale));
        NDArray attended = Ops.linearInOut(context, attnProjW, attnProjB).add(x);
        NDArray ffn = ffnEdit.apply(activation.apply(Ops.linearInOut(Ops.layerNorm(attended, ln2W, ln2B, eps), fcW, fcB)));
        return new BlockOutput(Ops.linearInOut(ffn, projW, projB).add(attended), ffn);
    }
}
