package dev.probe.intervene;

import dev.probe.InvalidRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One {@code probe intervene}.
 *
 * @param ranking the rank folder (its {@code ranking.json} and oracle probe)
 * @param train the training store the ranking was made from (the probes and the means are trained on it)
 * @param dev the dev store the ranking was made from: its words are run through the edited model
 * @param sets neuron set specs ({@link NeuronSet}), at least one
 * @param mode what is done to the neurons
 * @param beta the translation's factor for {@link EditMode#SHIFT}
 * @param shiftFrom the class translated from ({@link EditMode#SHIFT}), else null
 * @param shiftTo the class translated toward ({@link EditMode#SHIFT}), else null
 * @param randomSets how many matched random sets each set is compared with (at least 2, for a spread)
 * @param seed seed of the random sets ({@code random:N} and the matched ones), or null for the ranking's seed
 * @param probeLayers the stores' layers to train and evaluate probes on; empty for every layer from the lowest edited
 *     one up
 * @param lm whether to measure the LM head (when the checkpoint has one)
 * @param threads forward passes at once, or null for one per core
 * @param out the folder to write, or null to write nothing
 * @param force replace an intervention folder this tool wrote
 */
public record InterventionRequest(Path ranking, Path train, Path dev, List<String> sets, EditMode mode, double beta,
        String shiftFrom, String shiftTo, int randomSets, Long seed, List<Integer> probeLayers, boolean lm,
        Integer threads, Path out, boolean force) {
    /** The most matched random sets per set. */
    public static final int MAX_RANDOM_SETS = 1000;

    public InterventionRequest {
        Objects.requireNonNull(ranking, "ranking");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(mode, "mode");
        sets = List.copyOf(sets);
        probeLayers = List.copyOf(probeLayers);
        if (sets.isEmpty()) {
            throw new InvalidRequest("sets", "name at least one neuron set");
        }
        InvalidRequest.check("randomSets", randomSets, 2, MAX_RANDOM_SETS);
        if (!Double.isFinite(beta)) {
            throw new InvalidRequest("beta", "must be a finite number");
        }
        if (mode == EditMode.SHIFT && (shiftFrom == null || shiftTo == null)) {
            throw new InvalidRequest("shift", "the shift mode needs the two classes, FROM:TO");
        }
        if (mode != EditMode.SHIFT && (shiftFrom != null || shiftTo != null)) {
            throw new InvalidRequest("shift", "classes are only used by the shift mode");
        }
        if (threads != null) {
            InvalidRequest.check("threads", threads, 1, 1024);
        }
    }

    /** The files and folders the request reads, which its output must not name or hold. */
    public List<Path> inputs() {
        return List.of(ranking, train, dev);
    }
}
