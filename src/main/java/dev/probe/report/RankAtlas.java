package dev.probe.report;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.atlas.Census;
import dev.probe.atlas.CensusComputation;
import dev.probe.atlas.CensusSettings;
import dev.probe.atlas.NeuronId;
import dev.probe.atlas.ProfileOptions;
import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The atlas parts of a rank folder: the training store's neuron census under {@code census/}, and a page under
 * {@code neurons/} for the top neuron of every class (top contexts, activation by class, heat-map).
 */
final class RankAtlas {
    /** The census folder in a rank folder. */
    static final String CENSUS = "census";
    /** The neuron-page folder in a rank folder. */
    static final String NEURONS = "neurons";

    private RankAtlas() {
    }

    /**
     * Writes the census and the neuron pages of {@code result} into {@code dir}.
     *
     * @param train the training store the ranking read
     * @param progress told each part before it starts
     * @param warnings told why the census was left out, when its sums would not fit in the heap (the ranking stands)
     */
    static ReportExtras write(Path train, RankingResult result, Path dir, Consumer<String> progress,
            Consumer<String> warnings) throws ProbeException, IOException {
        Set<Integer> ids = new LinkedHashSet<>();
        List<NeuronId> neurons = new ArrayList<>();
        for (RankingResult.ClassTop c : result.perClass() == null ? List.<RankingResult.ClassTop>of()
                : result.perClass()) {
            if (c.neurons() != null && !c.neurons().isEmpty() && ids.add(c.neurons().get(0).neuron())) {
                neurons.add(new NeuronId(c.neurons().get(0).layer(), c.neurons().get(0).unit()));
            }
        }
        try (ActivationStore store = ActivationStore.open(train)) {
            progress.accept("neuron census");
            Census census = null;
            try {
                census = CensusComputation.compute(store, CensusSettings.defaults(), (done, total) -> { });
                CensusReport.write(census, Files.createDirectories(dir.resolve(CENSUS)));
            } catch (InvalidRequest e) {
                warnings.accept("neuron census left out of the report: " + e.getMessage()
                        + " (run probe census on the store with a larger --min-count)");
            }
            if (!neurons.isEmpty()) {
                progress.accept("neuron pages (" + neurons.size() + ")");
                NeuronPages.writeInto(store, result.inputs().labelColumn(), result.taskName(), neurons,
                        ProfileOptions.defaults(), dir.resolve(NEURONS));
            }
            return new ReportExtras(census, ids);
        }
    }
}
