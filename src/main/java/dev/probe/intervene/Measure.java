package dev.probe.intervene;

/** The names of the measures in {@code intervention.json}'s {@code effects}. */
public final class Measure {
    /** Accuracy of a probe trained on a layer's unmodified activations, unmodified minus modified. */
    public static final String PROBE_ACCURACY = "probe_accuracy_drop";
    /** The same for the ranking's oracle probe (all layers). */
    public static final String ORACLE_ACCURACY = "oracle_accuracy_drop";
    /** Mean over words of 1 − cos between the unmodified and modified last hidden state. */
    public static final String OUTPUT_COSINE = "output_cosine_change";
    /** Mean over words of the L2 distance between them. */
    public static final String OUTPUT_L2 = "output_l2_change";
    /** Mean over sequences of 1 − cos between the mean-pooled sentence embeddings. */
    public static final String SENTENCE_COSINE = "sentence_cosine_change";
    /** Mean over words of the LM head's probability of the actual token, unmodified minus modified. */
    public static final String LM_PROBABILITY = "lm_probability_drop";
    /** The LM head's top-1 accuracy on the actual tokens, unmodified minus modified. */
    public static final String LM_TOP1 = "lm_top1_drop";

    private Measure() {
    }
}
