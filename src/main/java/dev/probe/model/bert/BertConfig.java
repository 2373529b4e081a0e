package dev.probe.model.bert;

import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;

/**
 * The {@code config.json} fields a BERT encoder needs.
 *
 * @param hiddenSize width of hidden states
 * @param layers number of blocks
 * @param heads attention heads
 * @param intermediateSize FFN width
 * @param vocabSize vocabulary size
 * @param maxPositions learned absolute positions
 * @param typeVocabSize token type (segment) count
 * @param layerNormEps LayerNorm epsilon
 */
public record BertConfig(int hiddenSize, int layers, int heads, int intermediateSize, int vocabSize, int maxPositions,
        int typeVocabSize, float layerNormEps) {

    /** Reads and checks a BERT config. */
    public static BertConfig from(ModelConfig config) throws ProbeException {
        String act = config.optString("hidden_act", "gelu");
        if (!"gelu".equals(act)) {
            throw new ProbeException(config.file(), "unsupported hidden_act '" + act + "' for a BERT model (supported: gelu)");
        }
        String positions = config.optString("position_embedding_type", "absolute");
        if (!"absolute".equals(positions)) {
            throw new ProbeException(config.file(), "unsupported position_embedding_type '" + positions + "' (supported: absolute)");
        }
        BertConfig result = new BertConfig(config.requireInt("hidden_size"), config.requireInt("num_hidden_layers"),
                config.requireInt("num_attention_heads"), config.requireInt("intermediate_size"),
                config.requireInt("vocab_size"), config.requireInt("max_position_embeddings"),
                config.optInt("type_vocab_size", 2), (float) config.optEpsilon("layer_norm_eps", 1e-12));
        if (result.hiddenSize % result.heads != 0) {
            throw new ProbeException(config.file(), "hidden_size " + result.hiddenSize
                    + " is not a multiple of num_attention_heads " + result.heads);
        }
        return result;
    }
}
