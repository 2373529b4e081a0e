package dev.probe.model.xlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import dev.probe.model.nn.BlockOutput;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * One XLNet layer, content stream only: relative-position self-attention ({@code rel_attn}), residual, LayerNorm; then
 * {@code layer_2(act(layer_1(x)))}, residual, LayerNorm.
 *
 * <p>Attention score of query i and key j in head n (Hugging Face {@code rel_attn_core}), scaled by 1/√d_head:
 * <pre>
 * ac = (q_i + r_w_bias) · k_j
 * bd = (q_i + r_r_bias) · r_(i-j)              r = sinusoid(relative distance) · W_r, via rel_shift
 * ef = (q_i + r_s_bias) · seg_embed[s]        s = 0 if token types i and j are equal, else 1
 * </pre>
 * minus 1e30 where the key is masked. The projections {@code q, k, v, r, o} are stored {@code [d_model, n_head,
 * d_head]}; they are flattened to {@code [d_model, n_head·d_head]} once, at load time.
 */
final class XlnetBlock {
    private final NDArray qW, kW, vW, rW, oW, rwBias, rrBias, rsBias, segEmbed;
    private final NDArray attnLnW, attnLnB, l1W, l1B, l2W, l2B, ffLnW, ffLnB;
    private final int heads, dHead;
    private final float eps;
    private final UnaryOperator<NDArray> activation;


    /** Loads layer {@code layer} (0-based) from the names under {@code layer.<layer>.}. */
    XlnetBlock(Weights w, XlnetConfig c, int layer) throws ProbeException {
        String p = "layer." + layer + ".";
        int d = c.dModel();
        int n = c.heads();
        int h = c.dHead();
        qW = w.get(p + "rel_attn.q", d, n, h).reshape(d, (long) n * h);
        kW = w.get(p + "rel_attn.k", d, n, h).reshape(d, (long) n * h);
        vW = w.get(p + "rel_attn.v", d, n, h).reshape(d, (long) n * h);
        rW = w.get(p + "rel_attn.r", d, n, h).reshape(d, (long) n * h);
        oW = w.get(p + "rel_attn.o", d, n, h).reshape(d, (long) n * h);
        rwBias = w.get(p + "rel_attn.r_w_bias", n, h);
        rrBias = w.get(p + "rel_attn.r_r_bias", n, h);
        rsBias = w.get(p + "rel_attn.r_s_bias", n, h);
        segEmbed = w.get(p + "rel_attn.seg_embed", 2, n, h).transpose(1, 2, 0); // [n, h, 2]
        attnLnW = w.get(p + "rel_attn.layer_norm.weight", d);
        attnLnB = w.get(p + "rel_attn.layer_norm.bias", d);
        l1W = w.get(p + "ff.layer_1.weight", c.dInner(), d);
        l1B = w.get(p + "ff.layer_1.bias", c.dInner());
        l2W = w.get(p + "ff.layer_2.weight", d, c.dInner());
        l2B = w.get(p + "ff.layer_2.bias", d);
        ffLnW = w.get(p + "ff.layer_norm.weight", d);
        ffLnB = w.get(p + "ff.layer_norm.bias", d);
        heads = n;
        dHead = h;
        eps = c.layerNormEps();
        activation = c.activation();
    }

    /**
     * Runs the layer.
     *
     * @param x input hidden state {@code [batch, seq, d_model]}
     * @param posEmb sinusoidal relative encodings {@code [2·seq, d_model]} for distances seq, seq-1, …, -seq+1
     * @param segmentDiff 1 where the token types of query and key differ {@code [batch, 1, seq, seq]} (float)
     * @param maskPenalty 1e30 where the key is hidden from the query, else 0 {@code [batch, 1, seq, seq]}
     * @param ffnEdit applied to the FFN neurons before the output projection (the identity when nothing is edited)
     */
    BlockOutput forward(NDArray x, NDArray posEmb, NDArray segmentDiff, NDArray maskPenalty,
            UnaryOperator<NDArray> ffnEdit) {
        Shape s = x.getShape();
        long batch = s.get(0);
        long length = s.get(1);
        NDArray q = x.matMul(qW).reshape(batch, length, heads, dHead); // [B, S, n, h]
        NDArray k = Ops.splitHeads(x.matMul(kW), heads); // [B, n, S, h]
        NDArray v = Ops.splitHeads(x.matMul(vW), heads);
        NDArray r = posEmb.matMul(rW).reshape(posEmb.getShape().get(0), heads, dHead).transpose(1, 2, 0); // [n, h, R]

        NDArray ac = headsFirst(q.add(rwBias)).matMul(k.transpose(0, 1, 3, 2));
        NDArray bd = relShift(headsFirst(q.add(rrBias)).matMul(r), length);
        NDArray segment = headsFirst(q.add(rsBias)).matMul(segEmbed); // [B, n, S, 2]
        NDArray same = segment.get("..., 0:1");
        NDArray differ = segment.get("..., 1:2");
        NDArray ef = segmentDiff.neg().add(1f).mul(same).add(segmentDiff.mul(differ));

        float scale = (float) (1.0 / Math.sqrt(dHead));
        NDArray scores = ac.add(bd).add(ef).mul(scale).sub(maskPenalty);
        NDArray context = Ops.mergeHeads(scores.softmax(-1).matMul(v));
        NDArray attended = Ops.layerNorm(Ops.linear(context, oW, null).add(x), attnLnW, attnLnB, eps);

        NDArray ffn = ffnEdit.apply(activation.apply(Ops.linear(attended, l1W, l1B)));
        NDArray out = Ops.layerNorm(Ops.linear(ffn, l2W, l2B).add(attended), ffLnW, ffLnB, eps);
        return new BlockOutput(out, ffn);
    }

    /** {@code [B, S, n, h]} → {@code [B, n, S, h]}. */
    private static NDArray headsFirst(NDArray x) {
        return x.transpose(0, 2, 1, 3);
    }

    /**
     * Hugging Face {@code rel_shift_bnij}: from scores against the R = 2S encodings {@code [B, n, S, R]} to scores by
     * key {@code [B, n, S, S]}, {@code out[i, j] = in[i, S - i + j]}, i.e. the encoding of distance {@code i - j}.
     */
    private static NDArray relShift(NDArray x, long keys) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(3), s.get(2)).get(":, :, 1:, :")
                .reshape(s.get(0), s.get(1), s.get(2), s.get(3) - 1).get(":, :, :, :{}", keys);
    }
}
