package dev.probe.model.gpt2;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * The {@code config.json} fields a GPT-2 decoder needs (GPT-2's own key names).
 *
 * @param hidden width of hidden states ({@code n_embd})
 * @param layers number of blocks ({@code n_layer})
 * @param heads attention heads ({@code n_head})
 * @param inner FFN width ({@code n_inner}, {@code 4 · n_embd} when null)
 * @param vocabSize vocabulary size
 * @param maxPositions learned absolute positions ({@code n_positions})
 * @param layerNormEps LayerNorm epsilon ({@code layer_norm_epsilon})
 * @param activationName the FFN activation ({@code activation_function}, normally "gelu_new")
 * @param scaleByDim whether scores are divided by √head_dim ({@code scale_attn_weights})
 * @param scaleByLayer whether the scores of block i (0-based) are also divided by i+1
 *     ({@code scale_attn_by_inverse_layer_idx})
 */
public record Gpt2Config(int hidden, int layers, int heads, int inner, int vocabSize, int maxPositions,
        float layerNormEps, String activationName, boolean scaleByDim, boolean scaleByLayer) {

    /** The FFN activation function. */
    public UnaryOperator<NDArray> activation() {
        return Ops.activation(activationName).orElseThrow();
    }

    /** The factor applied to {@code q·kᵀ} in block {@code layer} (0-based). */
    public float scoreScale(int layer) {
        double scale = scaleByDim ? 1.0 / Math.sqrt(hidden / heads) : 1.0;
        return (float) (scaleByLayer ? scale / (layer + 1) : scale);
    }

    /** Reads and checks a GPT-2 config. */
    public static Gpt2Config from(ModelConfig config) throws ProbeException {
        String act = config.optString("activation_function", "gelu_new");
        if (Ops.activation(act).isEmpty()) {
            throw new ProbeException(config.file(), "unsupported activation_function '" + act + "' (supported: "
                    + Ops.ACTIVATIONS + ")");
        }
        if (config.optBoolean("add_cross_attention", false)) {
            throw new ProbeException(config.file(), "add_cross_attention=true is not supported (decoder-only GPT-2)");
        }
        int hidden = config.requireInt("n_embd");
        Gpt2Config result = new Gpt2Config(hidden, config.requireInt("n_layer"), config.requireInt("n_head"),
                config.optInt("n_inner", 4 * hidden), config.requireInt("vocab_size"), config.requireInt("n_positions"),
                (float) config.optEpsilon("layer_norm_epsilon", 1e-5), act,
                config.optBoolean("scale_attn_weights", true),
                config.optBoolean("scale_attn_by_inverse_layer_idx", false));
        if (hidden % result.heads != 0) {
            throw new ProbeException(config.file(), "n_embd " + hidden + " is not a multiple of n_head " + result.heads);
        }
        return result;
    }
}
