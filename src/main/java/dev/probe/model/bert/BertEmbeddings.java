package dev.probe.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import dev.probe.model.nn.Ops;

/**
 * BERT-style embeddings: {@code LayerNorm(word[ids] + position[positions] (+ tokenType[types]))}, shape
 * {@code [batch, seq, width]}. Shared by BERT, RoBERTa, ELECTRA (width = {@code embedding_size}) and DistilBERT
 * (no token types).
 */
public final class BertEmbeddings {
    private final NDArray word;
    private final NDArray position;
    private final NDArray type;
    private final NDArray normWeight;
    private final NDArray normBias;
    private final float eps;

    /**
     * Loads {@code embeddings.word_embeddings}, {@code position_embeddings}, {@code token_type_embeddings} (when
     * {@code types > 0}) and {@code LayerNorm}.
     *
     * @param types number of token types, or 0 when the model has none
     */
    public BertEmbeddings(Weights w, int vocab, int positions, int types, int width, float eps) throws ProbeException {
        word = w.get("embeddings.word_embeddings.weight", vocab, width);
        position = w.get("embeddings.position_embeddings.weight", positions, width);
        type = types > 0 ? w.get("embeddings.token_type_embeddings.weight", types, width) : null;
        normWeight = w.get("embeddings.LayerNorm.weight", width);
        normBias = w.get("embeddings.LayerNorm.bias", width);
        this.eps = eps;
    }

    /** The word embedding matrix {@code [vocab, width]} (what a tied LM head's decoder reads). */
    public NDArray word() {
        return word;
    }

    /** Positions 0..length−1 (int64), made in the batch scope. */
    public static NDArray absolutePositions(NDManager scope, NDArray inputIds) {
        return scope.arange(0, (int) inputIds.getShape().get(1), 1, DataType.INT64);
    }

    /**
     * The embedding output.
     *
     * @param ids token ids {@code [batch, seq]}
     * @param positions position ids, {@code [seq]} or {@code [batch, seq]}
     * @param types token type ids {@code [batch, seq]} (ignored when the model has no token types)
     */
    public NDArray forward(NDArray ids, NDArray positions, NDArray types) {
        NDArray x = Ops.embedding(ids, word).add(Ops.embedding(positions, position));
        if (type != null) {
            x = x.add(Ops.embedding(types, type));
        }
        return Ops.layerNorm(x, normWeight, normBias, eps);
    }
}
