package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.model.Threads;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The probes an intervention is judged by: one per layer asked for, trained on that layer's neurons of the unmodified
 * training store with the ranking's settings (λ1, λ2, seed and the rest), and the ranking's own oracle on all layers.
 */
final class LayerProbeSet {
    private LayerProbeSet() {
    }

    /**
     * @param layers the stores' layers to train a probe on
     * @throws ProbeException when a store holds a non-finite value
     */
    static List<WordRuns.Probe> train(RankingResult ranking, LinearProbe oracle, ActivationStore train,
            ActivationStore dev, List<Integer> layers, Interventions.Listener listener) throws ProbeException {
        ProbeOptions options = options(ranking);
        Threads.configureForTraining();
        PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(train, dev, null,
                ranking.inputs().labelColumn()), options);
        TrainingStatistics stats = ProbeTraining.statistics(splits, options);
        int width = train.manifest().width();
        List<WordRuns.Probe> probes = new ArrayList<>();
        for (int layer : layers) {
            listener.stage("probe on layer " + layer);
            int position = train.manifest().layers().indexOf(layer);
            int[] ids = new int[width];
            for (int j = 0; j < width; j++) {
                ids[j] = position * width + j;
            }
            ElasticNetTrainer.Result fitted = ProbeTraining.fit(splits, stats, new Features(ids, null, null), options,
                    null, f -> { });
            probes.add(new WordRuns.Probe("layer " + layer, layer, fitted.probe()));
        }
        probes.add(new WordRuns.Probe("oracle", null, oracle));
        return probes;
    }

    /** The ranking's probe settings with the penalties it chose. */
    static ProbeOptions options(RankingResult ranking) {
        ProbeOptions base = ranking.request() != null ? ranking.request().options() : ProbeOptions.defaults();
        return base.withPenalties(ranking.settings().l1(), ranking.settings().l2()).withSeed(ranking.settings().seed());
    }
}
