package dev.probe.model.distilbert;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.nn.Ops;
import java.util.function.UnaryOperator;

/**
 * The {@code config.json} fields a DistilBERT encoder needs (DistilBERT's own key names).
 *
 * @param dim hidden size ({@code dim})
 * @param layers number of blocks ({@code n_layers})
 * @param heads attention heads ({@code n_heads})
 * @param hiddenDim FFN width ({@code hidden_dim})
 * @param vocabSize vocabulary size
 * @param maxPositions learned (or stored sinusoidal) absolute positions ({@code max_position_embeddings})
 * @param activationName the FFN activation ({@code activation}: "gelu" or "relu")
 */
public record DistilBertConfig(int dim, int layers, int heads, int hiddenDim, int vocabSize, int maxPositions,
        String activationName) {

    /** LayerNorm epsilon, hard-coded in Hugging Face's DistilBERT (not a config key). */
    public static final float LAYER_NORM_EPS = 1e-12f;

    /** The FFN activation function. */
    public UnaryOperator<NDArray> activation() {
        return Ops.activation(activationName).orElseThrow();
    }

    /** Reads and checks a DistilBERT config. */
    public static DistilBertConfig from(ModelConfig config) throws ProbeException {
        String act = config.optString("activation", "gelu");
        if (!"gelu".equals(act) && !"relu".equals(act)) {
            throw new ProbeException(config.file(), "unsupported activation '" + act
                    + "' for a DistilBERT model (supported: gelu, relu)");
        }
        DistilBertConfig result = new DistilBertConfig(config.requireInt("dim"), config.requireInt("n_layers"),
                config.requireInt("n_heads"), config.requireInt("hidden_dim"), config.requireInt("vocab_size"),
                config.optInt("max_position_embeddings", 512), act);
        if (result.dim % result.heads != 0) {
            throw new ProbeException(config.file(), "dim " + result.dim + " is not a multiple of n_heads " + result.heads);
        }
        return result;
    }
}
