package dev.probe.model.xlnet;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * The {@code config.json} fields an XLNet encoder needs (XLNet's own key names). Only the bidirectional content stream
 * without memory is implemented: {@code attn_type} must be "bi" and {@code bi_data} false.
 *
 * @param dModel width of hidden states ({@code d_model})
 * @param layers number of blocks ({@code n_layer})
 * @param heads attention heads ({@code n_head})
 * @param dHead width of one head ({@code d_head})
 * @param dInner FFN width ({@code d_inner})
 * @param vocabSize vocabulary size
 * @param layerNormEps LayerNorm epsilon ({@code layer_norm_eps})
 * @param activationName the FFN activation ({@code ff_activation})
 * @param clampLen relative distances are clamped to {@code [-clampLen, clampLen]} when positive ({@code clamp_len})
 * @param maxTokens the longest sequence accepted ({@code max_position_embeddings} when present, else 512, the
 *     pretraining length; relative positions have no table that would impose a limit)
 */
public record XlnetConfig(int dModel, int layers, int heads, int dHead, int dInner, int vocabSize, float layerNormEps,
        String activationName, int clampLen, int maxTokens) {

    /** The FFN activation function. */
    public UnaryOperator<NDArray> activation() {
        return Ops.activation(activationName).orElseThrow();
    }

    /** Reads and checks an XLNet config. */
    public static XlnetConfig from(ModelConfig config) throws ProbeException {
        String attnType = config.optString("attn_type", "bi");
        if (!"bi".equals(attnType)) {
            throw new ProbeException(config.file(), "unsupported attn_type '" + attnType + "' for XLNet (supported: bi)");
        }
        if (config.optBoolean("bi_data", false)) {
            throw new ProbeException(config.file(), "bi_data=true is not supported for XLNet (a pretraining option)");
        }
        String act = config.optString("ff_activation", "gelu");
        if (Ops.activation(act).isEmpty()) {
            throw new ProbeException(config.file(), "unsupported ff_activation '" + act + "' (supported: "
                    + Ops.ACTIVATIONS + ")");
        }
        int dModel = config.requireInt("d_model");
        int heads = config.requireInt("n_head");
        XlnetConfig c = new XlnetConfig(dModel, config.requireInt("n_layer"), heads,
                config.optInt("d_head", heads > 0 ? dModel / heads : 0), config.requireInt("d_inner"),
                config.requireInt("vocab_size"), (float) config.optEpsilon("layer_norm_eps", 1e-12), act,
                config.optInt("clamp_len", -1), config.optInt("max_position_embeddings", 512));
        if (heads <= 0 || c.dHead <= 0) {
            throw new ProbeException(config.file(), "n_head " + heads + " and d_head " + c.dHead + " must be positive");
        }
        if (dModel % 2 != 0) {
            throw new ProbeException(config.file(), "d_model " + dModel + " must be even (sinusoidal relative positions)");
        }
        return c;
    }
}
