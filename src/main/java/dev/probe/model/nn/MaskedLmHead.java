package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.Weights;
import java.util.function.UnaryOperator;

/**
 * The BERT-style masked-LM head ({@code BertLMPredictionHead}, RoBERTa's {@code lm_head}, DistilBERT's
 * {@code vocab_*}): {@code logits = LayerNorm(act(h·Wᵀ + b))·Dᵀ + d}, where the decoder D is the checkpoint's own or,
 * when it is tied (absent from the file), the word embedding matrix.
 */
public final class MaskedLmHead extends LmHead {
    private final NDArray denseW, denseB, normW, normB, decoderW, decoderB;
    private final UnaryOperator<NDArray> activation;
    private final float eps;

    /**
     * The parameter names of one head layout.
     *
     * @param dense the transform's dense layer
     * @param norm its LayerNorm
     * @param decoder the decoder's weight (absent when tied)
     * @param biases the decoder bias, the first name present wins
     */
    public record Names(String dense, String norm, String decoder, String... biases) {
        /** BERT's {@code cls.predictions}. */
        public static final Names BERT = new Names("cls.predictions.transform.dense",
                "cls.predictions.transform.LayerNorm", "cls.predictions.decoder.weight", "cls.predictions.bias",
                "cls.predictions.decoder.bias");
        /** RoBERTa's {@code lm_head}. */
        public static final Names ROBERTA = new Names("lm_head.dense", "lm_head.layer_norm", "lm_head.decoder.weight",
                "lm_head.bias", "lm_head.decoder.bias");
        /** DistilBERT's {@code vocab_transform}, {@code vocab_layer_norm}, {@code vocab_projector}. */
        public static final Names DISTILBERT = new Names("vocab_transform", "vocab_layer_norm",
                "vocab_projector.weight", "vocab_projector.bias");
    }

    private MaskedLmHead(Weights w, Names names, int hidden, int vocab, float eps, UnaryOperator<NDArray> activation,
            NDArray wordEmbeddings) throws ProbeException {
        super(false);
        denseW = w.get(names.dense() + ".weight", hidden, hidden);
        denseB = w.get(names.dense() + ".bias", hidden);
        normW = w.get(names.norm() + ".weight", hidden);
        normB = w.get(names.norm() + ".bias", hidden);
        decoderW = w.has(names.decoder()) ? w.get(names.decoder(), vocab, hidden) : wordEmbeddings;
        NDArray bias = null;
        for (String name : names.biases()) {
            if (bias == null && w.has(name)) {
                bias = w.get(name, vocab);
            }
        }
        if (bias == null) {
            throw new ProbeException(w.file(), "the LM head has no decoder bias ('" + names.biases()[0] + "')");
        }
        decoderB = bias;
        this.eps = eps;
        this.activation = activation;
    }

    /**
     * The head when the checkpoint has one (its transform's dense weight is present), else null. A re-initialised
     * model ({@code --random-init}) has none.
     *
     * @param wordEmbeddings the model's word embeddings {@code [vocab, hidden]}, the decoder when tied
     */
    public static MaskedLmHead loadIfPresent(Weights w, Names names, int hidden, int vocab, float eps,
            UnaryOperator<NDArray> activation, NDArray wordEmbeddings) throws ProbeException {
        if (w.reinitialised() || !w.has(names.dense() + ".weight")) {
            return null;
        }
        return new MaskedLmHead(w, names, hidden, vocab, eps, activation, wordEmbeddings);
    }

    @Override
    protected NDArray logits(NDArray last) {
        NDArray t = Ops.layerNorm(activation.apply(Ops.linear(last, denseW, denseB)), normW, normB, eps);
        return Ops.linear(t, decoderW, decoderB);
    }
}
