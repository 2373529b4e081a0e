package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeArtifact;
import dev.probe.probe.ProbeInputs;
import dev.probe.model.Threads;

/** The ranking computation of a {@link RankRequest}: opens its stores (and probe), and runs {@link RankJob}. */
public final class Ranking {
    private Ranking() {
    }

    /**
     * Computes the ranking and, when asked, per-layer probes ({@link RankingResult#perLayer()}); writes nothing.
     *
     * @param perLayer the per-layer probes to add, or null for none
     * @param listener told about each stage, each step of a greedy method, and each probe that stops early
     * @return the ranking (recording the request's settings) and its oracle probe
     * @throws ProbeException when a store or the probe is unreadable or they do not fit together, or the window is
     *     wider than the stores' layers
     */
    public static RankJob.Outcome compute(RankRequest request, PerLayer perLayer, Ranker.Listener listener)
            throws ProbeException {
        RankSettings settings = request.settings();
        Threads.configureForTraining();
        try (ActivationStore train = ActivationStore.open(request.train());
                ActivationStore dev = ActivationStore.open(request.dev());
                ActivationStore test = request.test() == null ? null : ActivationStore.open(request.test())) {
            LinearProbe given = null;
            if (request.probe() != null) {
                ProbeArtifact.Loaded loaded = ProbeArtifact.read(request.probe());
                for (ActivationStore s : new ActivationStore[] {train, dev, test}) {
                    if (s != null) {
                        ProbeArtifact.checkCompatible(loaded, request.probe(), s);
                    }
                }
                given = loaded.probe();
                if (given.width() != train.matrix().cols()) {
                    throw new ProbeException(request.probe(), "the probe reads " + given.width() + " neurons; rank"
                            + " needs a probe over all " + train.matrix().cols() + " neurons of the stores");
                }
            }
            if (perLayer != null) {
                LayerProbes.checkWindow(train, perLayer.window());
            }
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(train, dev, test, settings.label()),
                    settings.options());
            if (given != null && !given.labels().labels().equals(splits.labels().labels())) {
                throw new ProbeException(request.probe(), "the probe's labels differ from the training store's labels");
            }
            RankJob.Request job = new RankJob.Request(splits, settings.options(), given,
                    request.probe() == null ? null : request.probe().toAbsolutePath().toString(), settings.delta(),
                    settings.gridArray(), settings.control(), settings.method(), settings.cap());
            RankJob.Outcome outcome = RankJob.run(job, listener);
            RankingResult result = outcome.result().withRequest(settings);
            if (perLayer != null) {
                RankingResult.Settings chosen = result.settings();
                result = result.withPerLayer(LayerProbes.table(splits, LayerSettings.of(settings,
                        settings.options().withPenalties(chosen.l1(), chosen.l2()), perLayer.window()),
                        stage -> listener.stage("per-layer probes: " + stage), listener::warning));
            }
            return new RankJob.Outcome(result, outcome.oracle(), outcome.oracleReport(), outcome.classStatistics());
        }
    }
}
