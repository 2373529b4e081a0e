package dev.probe.model.llama;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * The {@code config.json} fields a LLaMA-style decoder needs (also Mistral and Qwen2).
 *
 * @param hidden width of hidden states ({@code hidden_size})
 * @param layers number of blocks ({@code num_hidden_layers})
 * @param heads query heads ({@code num_attention_heads})
 * @param kvHeads key/value heads ({@code num_key_value_heads}, defaults to {@code heads}); divides {@code heads}
 * @param headDim width of one head ({@code head_dim}, defaults to {@code hidden / heads}); even, for RoPE
 * @param intermediate FFN width ({@code intermediate_size})
 * @param vocabSize vocabulary size
 * @param maxPositions longest supported sequence ({@code max_position_embeddings})
 * @param rmsNormEps RMSNorm epsilon ({@code rms_norm_eps})
 * @param ropeTheta RoPE base ({@code rope_theta})
 * @param activationName the gate activation ({@code hidden_act}, normally "silu")
 * @param qkvBias whether q/k/v projections have biases (Qwen2 always; LLaMA/Mistral with {@code attention_bias})
 * @param outBias whether {@code o_proj} has a bias (LLaMA with {@code attention_bias})
 * @param mlpBias whether the MLP projections have biases ({@code mlp_bias})
 * @param slidingWindow Mistral's {@code sliding_window} (a key is hidden when more than this many positions before the
 *     query), or 0 for none
 */
public record LlamaConfig(int hidden, int layers, int heads, int kvHeads, int headDim, int intermediate, int vocabSize,
        int maxPositions, float rmsNormEps, double ropeTheta, String activationName, boolean qkvBias, boolean outBias,
        boolean mlpBias, int slidingWindow) {

    /** The gate activation function. */
    public UnaryOperator<NDArray> activation() {
        return Ops.activation(activationName).orElseThrow();
    }

    /**
     * Reads and checks the config of a {@code llama}, {@code mistral} or {@code qwen2} model.
     *
     * @param type the {@code model_type}, which decides the bias layout
     */
    public static LlamaConfig from(ModelConfig config, String type) throws ProbeException {
        String act = config.optString("hidden_act", "silu");
        if (Ops.activation(act).isEmpty()) {
            throw new ProbeException(config.file(), "unsupported hidden_act '" + act + "' (supported: " + Ops.ACTIVATIONS + ")");
        }
        if (config.has("rope_scaling")) {
            throw new ProbeException(config.file(), "rope_scaling is not supported (only plain RoPE; remove it or use a model without it)");
        }
        boolean qwen = "qwen2".equals(type);
        if (qwen && config.optBoolean("use_sliding_window", false)) {
            throw new ProbeException(config.file(), "use_sliding_window=true is not supported for qwen2");
        }
        int hidden = config.requireInt("hidden_size");
        int heads = config.requireInt("num_attention_heads");
        boolean attentionBias = config.optBoolean("attention_bias", false);
        int window = "mistral".equals(type) ? config.optInt("sliding_window", 0) : 0;
        LlamaConfig c = new LlamaConfig(hidden, config.requireInt("num_hidden_layers"), heads,
                config.optInt("num_key_value_heads", heads), config.optInt("head_dim", heads > 0 ? hidden / heads : 0),
                config.requireInt("intermediate_size"), config.requireInt("vocab_size"),
                config.requireInt("max_position_embeddings"), (float) config.optEpsilon("rms_norm_eps", 1e-6),
                config.optDouble("rope_theta", 10000.0), act, qwen || attentionBias, !qwen && attentionBias,
                config.optBoolean("mlp_bias", false), window);
        if (heads <= 0 || c.kvHeads <= 0 || heads % c.kvHeads != 0) {
            throw new ProbeException(config.file(), "num_attention_heads " + heads
                    + " must be a positive multiple of num_key_value_heads " + c.kvHeads);
        }
        if (c.headDim <= 0 || c.headDim % 2 != 0) {
            throw new ProbeException(config.file(), "head dimension " + c.headDim + " must be positive and even (RoPE)");
        }
        if (c.slidingWindow < 0) {
            throw new ProbeException(config.file(), "sliding_window must be positive, found " + c.slidingWindow);
        }
        return c;
    }
}
