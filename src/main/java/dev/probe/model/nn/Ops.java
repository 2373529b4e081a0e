package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * Tensor operations with PyTorch semantics. Every result is attached to the manager of the first (activation)
 * argument, which is the per-batch scope, never to the weights' manager.
 */
public final class Ops {
    /** The value Hugging Face adds to masked attention scores: {@code torch.finfo(float32).min}. */
    public static final float MASK_VALUE = -Float.MAX_VALUE;

    private Ops() {
    }

    /** {@code x · Wᵀ + b} with {@code W} in PyTorch's {@code [out, in]} layout; {@code b} may be null. */
    public static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    /** Layer normalisation over the last axis. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        Shape normalized = new Shape(x.getShape().get(x.getShape().dimension() - 1));
        return x.getNDArrayInternal().layerNorm(x, normalized, gamma, beta, eps).singletonOrThrow();
    }

    /** Rows of {@code table} selected by integer {@code ids}: shape {@code ids.shape + [dim]}. */
    public static NDArray embedding(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** Exact GELU, {@code x · Φ(x)} with the error function (Hugging Face "gelu"). */
    public static NDArray geluErf(NDArray x) {
        return x.getNDArrayInternal().gelu();
    }

    /** The additive attention mask {@code [batch, 1, 1, keys]}: 0 for real tokens, {@link #MASK_VALUE} for padding. */
    public static NDArray keyMaskBias(NDArray attentionMask) {
        NDArray mask = attentionMask.toType(DataType.FLOAT32, false);
        return mask.neg().add(1f).mul(MASK_VALUE).expandDims(1).expandDims(1);
    }

    /** {@code [batch, seq, heads·dim]} → {@code [batch, heads, seq, dim]}. */
    public static NDArray splitHeads(NDArray x, int heads) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), heads, s.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** {@code [batch, heads, seq, dim]} → {@code [batch, seq, heads·dim]}. */
    public static NDArray mergeHeads(NDArray x) {
        Shape s = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(s.get(0), s.get(2), s.get(1) * s.get(3));
    }

    /**
     * Scaled dot-product attention: {@code softmax(q·kᵀ/√d + bias)·v}.
     *
     * @param q queries {@code [batch, heads, seq, dim]}
     * @param k keys {@code [batch, heads, seq, dim]}
     * @param v values {@code [batch, heads, seq, dim]}
     * @param bias additive mask broadcastable to {@code [batch, heads, seq, seq]}
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray bias) {
        float scale = (float) (1.0 / Math.sqrt(q.getShape().get(3)));
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(bias);
        return scores.softmax(-1).matMul(v);
    }
}
