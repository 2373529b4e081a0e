package dev.probe.intervene;

import dev.probe.Provenance;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code intervention.json}. Scripts read {@code effects}: a list of {@link Effect}s
 * ({@code measure, layer, set, neurons, value, random_mean, random_sd}, and {@code class} for a per-class value),
 * kept stable across versions.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param tool who wrote it and when
 * @param inputs the ranking, stores and model, with their digests
 * @param settings how the neurons were changed and measured
 * @param probes the probes evaluated, with their accuracy on the unedited run
 * @param sets the neuron sets, with the seeds of their random controls
 * @param effects every measure of every set against its random controls
 * @param seconds wall time: probes, unedited pass, edited passes, total
 */
public record InterventionReport(int formatVersion, Provenance tool, Inputs inputs, Settings settings,
        List<ProbeRef> probes, List<SetRef> sets, List<Effect> effects, Map<String, Double> seconds) {
    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside the output folder. */
    public static final String FILE_NAME = "intervention.json";

    /**
     * @param ranking the rank folder
     * @param rankingSha256 SHA-256 of its {@code ranking.json}
     * @param train the training store
     * @param trainManifestSha256 SHA-256 of its manifest
     * @param dev the dev store whose words were run
     * @param devManifestSha256 SHA-256 of its manifest
     * @param model the model's alias or path
     * @param architecture its model type
     * @param configSha256 SHA-256 of its config
     * @param weightsSha256 SHA-256 of its weights (of the random twin's, for a {@code --random-init} store)
     * @param tokenizerSha256 SHA-256 of its tokenizer
     * @param point where the neurons are ("hidden" or "ffn")
     * @param layers the stores' layers
     * @param width neurons per layer
     * @param labelColumn the task's label column
     * @param words dev words run through the model per pass
     */
    public record Inputs(String ranking, String rankingSha256, String train, String trainManifestSha256, String dev,
            String devManifestSha256, String model, String architecture, String configSha256, String weightsSha256,
            String tokenizerSha256, String point, List<Integer> layers, int width, String labelColumn, int words) {
    }

    /**
     * @param mode "zero", "mean" or "shift"
     * @param beta the translation's factor (shift), else null
     * @param shiftFrom the class translated from (shift), else null
     * @param shiftTo the class translated toward (shift), else null
     * @param randomSets matched random sets per set
     * @param seed the seed of the random sets
     * @param lmHead whether the checkpoint has an LM head and it was measured
     * @param method how the edits are applied and the measures taken, in words
     */
    public record Settings(String mode, Double beta, String shiftFrom, String shiftTo, int randomSets, long seed,
            boolean lmHead, String method) {
    }

    /**
     * @param name "layer N" or "oracle"
     * @param layer the layer it reads, or null for the oracle (all layers)
     * @param neurons how many neurons it reads
     * @param accuracy its accuracy on the dev words of the unedited pass
     */
    public record ProbeRef(String name, Integer layer, int neurons, double accuracy) {
    }

    /**
     * @param spec the set's spec
     * @param neurons its neuron ids
     * @param names the same as {@code layer:unit}
     * @param perLayer layer → neurons changed there
     * @param randomSeeds the seeds of its matched random sets ({@link MatchedRandom})
     */
    public record SetRef(String spec, int[] neurons, List<String> names, Map<Integer, Integer> perLayer,
            long[] randomSeeds) {
    }
}
