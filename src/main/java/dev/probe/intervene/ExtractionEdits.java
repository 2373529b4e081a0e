package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.model.Intervention;
import dev.probe.model.InterventionRecord;
import dev.probe.model.ModelEdits;
import dev.probe.model.ProbePoint;
import dev.probe.rank.RankingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The edits of {@code probe extract --intervene}: a ranking's neuron set changed by a mode, as {@link ModelEdits} with
 * their provenance record.
 */
public final class ExtractionEdits {
    private ExtractionEdits() {
    }

    /**
     * Builds the edits.
     *
     * @param ranking the ranking the set comes from
     * @param rankingFile its {@code ranking.json}, recorded
     * @param rankingSha256 the file's SHA-256
     * @param spec the neuron set ({@link NeuronSet})
     * @param mode what is done to the neurons
     * @param beta the shift's factor
     * @param shiftFrom the class shifted from (shift), else null
     * @param shiftTo the class shifted toward (shift), else null
     * @param means the store the means come from (mean and shift), else null
     * @param seed the seed of {@code random:N}, or null for the ranking's
     * @throws ProbeException when the means store is unreadable or lacks a class
     */
    public static ModelEdits of(RankingResult ranking, Path rankingFile, String rankingSha256, String spec,
            EditMode mode, double beta, String shiftFrom, String shiftTo, ActivationStore means, Long seed)
            throws ProbeException {
        RankingResult.Inputs in = ranking.inputs();
        NeuronSet set = NeuronSet.parse(spec, ranking, in.layers(), in.width(),
                seed != null ? seed : ranking.settings().seed());
        NeuronMeans m = null;
        String meansSha = null;
        if (mode != EditMode.ZERO) {
            if (means == null) {
                throw new dev.probe.InvalidRequest("means", mode.id() + " needs the training store for the means");
            }
            if (means.matrix().cols() != in.neurons()) {
                throw new ProbeException(means.dir(), "holds " + means.matrix().cols() + " neurons per word but the"
                        + " ranking's stores hold " + in.neurons());
            }
            m = NeuronMeans.of(means, mode == EditMode.SHIFT ? means.labels(in.labelColumn()) : null, shiftFrom,
                    shiftTo);
            meansSha = means.manifestSha256();
        }
        ProbePoint point = ProbePoint.valueOf(in.point().toUpperCase(Locale.ROOT));
        Intervention edits = new EditPlan(point, in.layers(), in.width(), mode, beta, m).edits(set.neurons());
        List<String> names = new ArrayList<>();
        for (int id : set.neurons()) {
            names.add(in.layers().get(id / in.width()) + ":" + id % in.width());
        }
        boolean shift = mode == EditMode.SHIFT;
        InterventionRecord record = new InterventionRecord(rankingFile.toAbsolutePath().toString(), rankingSha256,
                set.spec(), mode.id(), shift ? beta : null, shiftFrom, shiftTo, meansSha, in.point(), names,
                edits.sha256(), null, in.configSha256());
        return new ModelEdits(edits, record);
    }
}
