package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.probe.model.LmScores;

/**
 * A language-modelling head: logits over the vocabulary from the last hidden state, and the verdict on each actual
 * token ({@link LmScores}). Its weights are the model's (read only); everything it computes lives in the batch scope.
 */
public abstract class LmHead {
    private final boolean causal;

    /** @param causal whether position t predicts token t+1 (else token t) */
    protected LmHead(boolean causal) {
        this.causal = causal;
    }

    /**
     * The logits {@code [batch, seq, vocab]}.
     *
     * @param last the last hidden state as the model reports it {@code [batch, seq, hidden]}
     */
    protected abstract NDArray logits(NDArray last);

    /**
     * Scores every token: the head's softmax probability of the actual token and whether its top-1 is that token.
     * Causal heads score token t from the logits at t−1; position 0 gets NaN and false.
     *
     * @param last the last hidden state {@code [batch, seq, hidden]}
     * @param inputIds the batch's token ids {@code [batch, seq]}
     */
    public final LmScores score(NDArray last, NDArray inputIds, int size, int length) {
        NDArray logits = logits(last);
        NDArray targets = inputIds.toType(DataType.INT64, false);
        if (causal) {
            logits = logits.get(":, :-1, :");
            targets = targets.get(":, 1:");
        }
        NDArray logProbability = logits.logSoftmax(-1).gather(targets.expandDims(-1), -1).squeeze(-1);
        NDArray top = logits.argMax(-1).toType(DataType.INT64, false).eq(targets);
        float[] p = logProbability.exp().toFloatArray();
        boolean[] hit = top.toBooleanArray();
        float[] probability = new float[size * length];
        boolean[] correct = new boolean[size * length];
        int shift = causal ? 1 : 0;
        int width = length - shift;
        for (int b = 0; b < size; b++) {
            if (causal) {
                probability[b * length] = Float.NaN;
            }
            for (int t = 0; t < width; t++) {
                probability[b * length + t + shift] = p[b * width + t];
                correct[b * length + t + shift] = hit[b * width + t];
            }
        }
        return new LmScores(size, length, probability, correct, causal);
    }
}
