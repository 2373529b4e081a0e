package dev.probe.model;

import dev.probe.io.Hashes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * How a model's forward pass was edited ({@code probe extract --intervene}), for provenance: recorded in a store's
 * manifest under {@code model.intervention}. The store's {@code weights_sha256} is then {@link #weightsSha256}, so the
 * tool refuses to mix it with stores of the unedited model or of other edits, as it does for other weights.
 *
 * @param ranking the rank folder the neurons came from
 * @param rankingSha256 SHA-256 of its {@code ranking.json}
 * @param set the neuron set's spec
 * @param mode "zero", "mean" or "shift"
 * @param beta the shift's factor, or null
 * @param shiftFrom the class shifted from, or null
 * @param shiftTo the class shifted toward, or null
 * @param meansStoreSha256 SHA-256 of the manifest of the store the means came from, or null for zeroing
 * @param point where the edits apply ("hidden" or "ffn")
 * @param neurons the neurons changed, as {@code layer:unit}
 * @param editsSha256 {@link Intervention#sha256()} of the edits
 * @param checkpointSha256 the weights digest of the unedited model
 * @param configSha256 SHA-256 of the config of the model the ranking was made with: the edits fit only that model
 */
public record InterventionRecord(String ranking, String rankingSha256, String set, String mode, Double beta,
        String shiftFrom, String shiftTo, String meansStoreSha256, String point, List<String> neurons,
        String editsSha256, String checkpointSha256, String configSha256) {
    public InterventionRecord {
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(editsSha256, "editsSha256");
        neurons = List.copyOf(neurons);
    }

    /** The same record for a model whose unedited weights have this digest. */
    public InterventionRecord onWeights(String weightsSha256) {
        return new InterventionRecord(ranking, rankingSha256, set, mode, beta, shiftFrom, shiftTo, meansStoreSha256,
                point, neurons, editsSha256, weightsSha256, configSha256);
    }

    /** The digest that stands for the edited model's weights: SHA-256 of the unedited digest and the edits'. */
    public String weightsSha256() {
        return Hashes.sha256(("intervened " + checkpointSha256 + " " + editsSha256).getBytes(StandardCharsets.UTF_8));
    }
}
