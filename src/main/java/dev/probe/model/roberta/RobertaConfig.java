package dev.probe.model.roberta;

import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.bert.BertConfig;

/**
 * The {@code config.json} fields a RoBERTa encoder needs: those of BERT plus the padding index.
 *
 * @param bert the BERT-shaped fields ({@code hidden_size}, {@code max_position_embeddings}, …)
 * @param paddingIdx {@code pad_token_id}, which is also the position id of padding and the offset of real positions
 */
public record RobertaConfig(BertConfig bert, int paddingIdx) {

    /** Checks that real tokens have at least one position left in the table. */
    public RobertaConfig {
        if (paddingIdx < 0) {
            throw new IllegalArgumentException("pad_token_id must be non-negative, found " + paddingIdx);
        }
    }

    /**
     * The longest sequence the position table covers: real tokens use rows {@code paddingIdx + 1 …}, so
     * {@code max_position_embeddings - pad_token_id - 1} of them fit.
     */
    public int maxTokens() {
        return bert.maxPositions() - paddingIdx - 1;
    }

    /** Reads and checks a RoBERTa config ({@code pad_token_id} defaults to 1, as in Hugging Face). */
    public static RobertaConfig from(ModelConfig config) throws ProbeException {
        BertConfig bert = BertConfig.from(config);
        int pad = config.optInt("pad_token_id", 1);
        if (pad < 0 || pad >= bert.maxPositions() - 1) {
            throw new ProbeException(config.file(), "pad_token_id " + pad
                    + " leaves no position for real tokens (max_position_embeddings " + bert.maxPositions() + ")");
        }
        if (pad >= bert.vocabSize()) {
            throw new ProbeException(config.file(), "pad_token_id " + pad + " is outside the vocabulary (vocab_size "
                    + bert.vocabSize() + ")");
        }
        return new RobertaConfig(bert, pad);
    }
}
