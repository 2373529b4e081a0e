package dev.probe.model.electra;

import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.bert.BertConfig;

/**
 * The {@code config.json} fields an ELECTRA encoder needs: those of BERT plus the embedding width.
 *
 * @param bert the BERT-shaped fields ({@code hidden_size}, {@code intermediate_size}, …)
 * @param embeddingSize width of the embeddings ({@code embedding_size}, defaults to {@code hidden_size}); when it
 *     differs from {@code hidden_size}, {@code embeddings_project} maps the embeddings to the hidden width
 */
public record ElectraConfig(BertConfig bert, int embeddingSize) {

    /** Whether the checkpoint has {@code embeddings_project}. */
    public boolean projects() {
        return embeddingSize != bert.hiddenSize();
    }

    /** Reads and checks an ELECTRA config. */
    public static ElectraConfig from(ModelConfig config) throws ProbeException {
        BertConfig bert = BertConfig.from(config);
        int embedding = config.optInt("embedding_size", bert.hiddenSize());
        if (embedding <= 0) {
            throw new ProbeException(config.file(), "embedding_size must be positive, found " + embedding);
        }
        return new ElectraConfig(bert, embedding);
    }
}
