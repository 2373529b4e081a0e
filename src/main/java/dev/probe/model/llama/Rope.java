package dev.probe.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding tables of one batch, in Hugging Face's {@code rotate_half} convention (halves of the head
 * dimension, not interleaved pairs): with {@code inv_freq[i] = θ^(-2i/d)} and angle {@code a[t, i] = t · inv_freq[i mod
 * d/2]} for {@code i < d}, {@code x' = x · cos(a) + rotate_half(x) · sin(a)}, {@code rotate_half([x1, x2]) = [-x2, x1]}.
 * Angles are computed in float32, as Hugging Face does.
 */
final class Rope {
    private final NDArray cos;
    private final NDArray sin;

    private Rope(NDArray cos, NDArray sin) {
        this.cos = cos;
        this.sin = sin;
    }

    /**
     * Tables for positions 0..length-1.
     *
     * @param scope the batch scope that will own them
     * @param headDim the (even) head width d
     * @param theta the RoPE base
     */
    static Rope of(NDManager scope, int length, int headDim, double theta) {
        int half = headDim / 2;
        float[] invFreq = new float[half];
        for (int i = 0; i < half; i++) {
            invFreq[i] = (float) (1.0 / (float) Math.pow(theta, (float) (2 * i) / headDim));
        }
        float[] cos = new float[length * headDim];
        float[] sin = new float[length * headDim];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < headDim; i++) {
                float angle = t * invFreq[i % half];
                cos[t * headDim + i] = (float) Math.cos(angle);
                sin[t * headDim + i] = (float) Math.sin(angle);
            }
        }
        Shape shape = new Shape(length, headDim);
        return new Rope(scope.create(cos, shape), scope.create(sin, shape));
    }

    /** Rotates queries or keys {@code [batch, heads, seq, d]}. */
    NDArray apply(NDArray x) {
        long half = x.getShape().get(3) / 2;
        NDArray x1 = x.get("..., :{}", half);
        NDArray x2 = x.get("..., {}:", half);
        NDArray rotated = x2.neg().concat(x1, -1);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
