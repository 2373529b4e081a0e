package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tensor operations with PyTorch semantics. Every result is attached to the manager of the first (activation)
 * argument, which is the per-batch scope, never to the weights' manager.
 */
public final class Ops {
    /** The value Hugging Face adds to masked attention scores: {@code torch.finfo(float32).min}. */
    public static final float MASK_VALUE = -Float.MAX_VALUE;

    /** The activation names {@link #activation} accepts, for error messages. */
    public static final String ACTIVATIONS = "gelu, gelu_new, gelu_pytorch_tanh, relu, silu, swish";

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

    /** {@code x · W + b} with {@code W} in the {@code [in, out]} layout of GPT-2's {@code Conv1D}; {@code b} may be null. */
    public static NDArray linearInOut(NDArray x, NDArray weight, NDArray bias) {
        NDArray y = x.matMul(weight);
        return bias == null ? y : y.add(bias);
    }

    /**
     * Root-mean-square normalisation over the last axis (LLaMA's RMSNorm): {@code w · x / √(mean(x²) + eps)}.
     *
     * @param x activations {@code [..., dim]}
     * @param weight the gain {@code [dim]}
     */
    public static NDArray rmsNorm(NDArray x, NDArray weight, float eps) {
        NDArray rms = x.square().mean(new int[] {-1}, true).add(eps).sqrt();
        return x.div(rms).mul(weight);
    }

    /** GELU with the tanh approximation, {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} (Hugging Face "gelu_new"). */
    public static NDArray geluTanh(NDArray x) {
        float c = (float) Math.sqrt(2.0 / Math.PI);
        NDArray inner = x.pow(3f).mul(0.044715f).add(x).mul(c);
        return inner.tanh().add(1f).mul(x).mul(0.5f);
    }

    /** SiLU (swish), {@code x · σ(x)}. */
    public static NDArray silu(NDArray x) {
        return x.mul(x.getNDArrayInternal().sigmoid());
    }

    /** ReLU, {@code max(x, 0)}. */
    public static NDArray relu(NDArray x) {
        return x.getNDArrayInternal().relu();
    }

    /**
     * The FFN activation a Hugging Face config names ({@code hidden_act}, {@code activation_function}, …): "gelu" (exact
     * erf), "gelu_new" and "gelu_pytorch_tanh" (tanh approximation), "relu", "silu" and "swish".
     *
     * @return the function, or empty when the name is not one of these
     */
    public static Optional<UnaryOperator<NDArray>> activation(String name) {
        return Optional.ofNullable(switch (name) {
            case "gelu" -> Ops::geluErf;
            case "gelu_new", "gelu_pytorch_tanh" -> Ops::geluTanh;
            case "relu" -> Ops::relu;
            case "silu", "swish" -> Ops::silu;
            default -> null;
        });
    }

    /**
     * The additive mask of a decoder {@code [batch, 1, seq, seq]}: {@link #MASK_VALUE} where the key is padding, lies
     * after the query, or (with a sliding window) lies {@code window} or more positions before it; 0 elsewhere.
     *
     * @param attentionMask {@code [batch, seq]}, 1 for real tokens
     * @param window sliding-window size (Mistral), or 0 for none
     */
    public static NDArray causalMaskBias(NDArray attentionMask, int window) {
        long length = attentionMask.getShape().get(1);
        NDArray query = attentionMask.getManager().arange(0, (int) length, 1, DataType.INT64).reshape(length, 1);
        NDArray key = query.reshape(1, length);
        NDArray blocked = key.gt(query);
        if (window > 0) {
            blocked = blocked.logicalOr(query.sub(key).gt(window));
        }
        NDArray padding = attentionMask.eq(0).expandDims(1).expandDims(1);
        return blocked.expandDims(0).expandDims(0).logicalOr(padding).toType(DataType.FLOAT32, false).mul(MASK_VALUE);
    }

    /**
     * Dot-product attention with an explicit score scale: {@code softmax(q·kᵀ·scale + bias)·v}.
     *
     * @param q queries {@code [batch, heads, queries, dim]}
     * @param k keys {@code [batch, heads, keys, dim]}
     * @param v values {@code [batch, heads, keys, dim]}
     * @param bias additive mask broadcastable to {@code [batch, heads, queries, keys]}
     * @param scale the factor applied to {@code q·kᵀ}
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray bias, float scale) {
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(bias);
        return scores.softmax(-1).matMul(v);
    }
}
