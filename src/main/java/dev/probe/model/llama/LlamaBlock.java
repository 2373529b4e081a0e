package dev.probe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import dev.probe.model.nn.BlockOutput;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * One LLaMA decoder layer: {@code x + o_proj(attn(rope(q), rope(k), v))} on {@code input_layernorm(x)}, then
 * {@code x + down_proj(act(gate_proj(n)) · up_proj(n))} on {@code n = post_attention_layernorm(x)}. Weights use the
 * {@code [out, in]} layout; k/v have {@code kvHeads} heads, each serving {@code heads / kvHeads} consecutive query heads.
 */
final class LlamaBlock {
    private final NDArray inNorm, qW, qB, kW, kB, vW, vB, oW, oB, postNorm, gateW, gateB, upW, upB, downW, downB;
    private final int heads, kvHeads, headDim;
    private final float eps;
    private final UnaryOperator<NDArray> activation;


    /** Loads layer {@code layer} (0-based) from the names under {@code layers.<layer>.}. */
    LlamaBlock(Weights w, LlamaConfig c, int layer) throws ProbeException {
        String p = "layers." + layer + ".";
        int h = c.hidden();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        inNorm = w.get(p + "input_layernorm.weight", h);
        qW = w.get(p + "self_attn.q_proj.weight", q, h);
        kW = w.get(p + "self_attn.k_proj.weight", kv, h);
        vW = w.get(p + "self_attn.v_proj.weight", kv, h);
        oW = w.get(p + "self_attn.o_proj.weight", h, q);
        qB = c.qkvBias() ? w.get(p + "self_attn.q_proj.bias", q) : null;
        kB = c.qkvBias() ? w.get(p + "self_attn.k_proj.bias", kv) : null;
        vB = c.qkvBias() ? w.get(p + "self_attn.v_proj.bias", kv) : null;
        oB = c.outBias() ? w.get(p + "self_attn.o_proj.bias", h) : null;
        postNorm = w.get(p + "post_attention_layernorm.weight", h);
        gateW = w.get(p + "mlp.gate_proj.weight", c.intermediate(), h);
        upW = w.get(p + "mlp.up_proj.weight", c.intermediate(), h);
        downW = w.get(p + "mlp.down_proj.weight", h, c.intermediate());
        gateB = c.mlpBias() ? w.get(p + "mlp.gate_proj.bias", c.intermediate()) : null;
        upB = c.mlpBias() ? w.get(p + "mlp.up_proj.bias", c.intermediate()) : null;
        downB = c.mlpBias() ? w.get(p + "mlp.down_proj.bias", h) : null;
        heads = c.heads();
        kvHeads = c.kvHeads();
        headDim = c.headDim();
        eps = c.rmsNormEps();
        activation = c.activation();
    }

    /**
     * Runs the layer.
     *
     * @param x input hidden state {@code [batch, seq, hidden]}
     * @param rope the rotary tables of this batch
     * @param maskBias causal + padding mask {@code [batch, 1, seq, seq]}
     * @param ffnEdit applied to the FFN neurons before the output projection (the identity when nothing is edited)
     */
    BlockOutput forward(NDArray x, Rope rope, NDArray maskBias, UnaryOperator<NDArray> ffnEdit) {
        NDArray n = Ops.rmsNorm(x, inNorm, eps);
        NDArray q = rope.apply(Ops.splitHeads(Ops.linear(n, qW, qB), heads));
        NDArray k = repeatKv(rope.apply(Ops.splitHeads(Ops.linear(n, kW, kB), kvHeads)));
        NDArray v = repeatKv(Ops.splitHeads(Ops.linear(n, vW, vB), kvHeads));
        NDArray context = Ops.mergeHeads(Ops.attention(q, k, v, maskBias, (float) (1.0 / Math.sqrt(headDim))));
        NDArray attended = Ops.linear(context, oW, oB).add(x);
        NDArray m = Ops.rmsNorm(attended, postNorm, eps);
        NDArray ffn = ffnEdit.apply(activation.apply(Ops.linear(m, gateW, gateB)).mul(Ops.linear(m, upW, upB)));
        return new BlockOutput(Ops.linear(ffn, downW, downB).add(attended), ffn);
    }

    /** {@code [batch, kvHeads, seq, dim]} → {@code [batch, heads, seq, dim]}, kv head j repeated for heads j·g … j·g+g-1. */
    private NDArray repeatKv(NDArray x) {
        if (kvHeads == heads) {
            return x;
        }
        Shape s = x.getShape();
        long group = heads / kvHeads;
        return x.expandDims(2).broadcast(new Shape(s.get(0), kvHeads, group, s.get(2), s.get(3)))
                .reshape(s.get(0), heads, s.get(2), s.get(3));
    }
}
