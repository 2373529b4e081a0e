package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import dev.probe.ProbeException;
import dev.probe.model.ModelConfig;
import dev.probe.model.Weights;

/**
 * A causal LM head (GPT-2's and Llama's {@code lm_head}): {@code logits = h·Wᵀ} on the final-normed last hidden
 * state, with W the checkpoint's {@code lm_head.weight} or, when tied, the token embedding matrix.
 */
public final class CausalLmHead extends LmHead {
    private final NDArray weight;

    private CausalLmHead(NDArray weight) {
        super(true);
        this.weight = weight;
    }

    /**
     * The head when the checkpoint has {@code lm_head.weight}, or when it is tied: {@code config.json}'s
     * {@code architectures} names a causal-LM class ({@code …LMHeadModel}, {@code …ForCausalLM}) and
     * {@code tie_word_embeddings} is not false. Otherwise (a base model) null; a re-initialised model has none.
     *
     * @param tokenEmbeddings the model's token embeddings {@code [vocab, hidden]}
     */
    public static CausalLmHead loadIfPresent(ModelConfig config, Weights w, int hidden, int vocab,
            NDArray tokenEmbeddings) throws ProbeException {
        if (w.reinitialised()) {
            return null;
        }
        if (w.has("lm_head.weight")) {
            return new CausalLmHead(w.get("lm_head.weight", vocab, hidden));
        }
        boolean lmClass = config.optStrings("architectures").stream()
                .anyMatch(a -> a.endsWith("LMHeadModel") || a.endsWith("ForCausalLM"));
        return lmClass && config.optBoolean("tie_word_embeddings", true) ? new CausalLmHead(tokenEmbeddings) : null;
    }

    @Override
    protected NDArray logits(NDArray last) {
        return Ops.linear(last, weight, null);
    }
}
