package dev.probe.intervene;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.Extractor;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.Intervention;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelRepository;
import dev.probe.model.ProbePoint;
import dev.probe.model.Threads;
import dev.probe.probe.LinearProbe;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The computation of {@code probe intervene}: probes on the unmodified training store, one unedited pass over the dev
 * words, then for each neuron set one edited pass and one per matched random set, and the effects of each against
 * the unedited pass. Writes nothing.
 */
public final class Interventions {
    /** How the edits are applied and measured, recorded in the report. */
    static final String METHOD = "each selected neuron is changed at every token position inside the forward pass"
            + " (hidden: the layer's output before the next block reads it; ffn: the block's activation before its"
            + " output projection), so later layers see the change; probes trained on the unmodified training store"
            + " are evaluated on the dev words of the unedited and the edited pass; output measures compare the last"
            + " hidden state of the two passes word by word (the store's subword aggregation) and the mean-pooled"
            + " sequence embeddings; every measure is also taken for matched random sets (the same number of neurons"
            + " from each layer, drawn from that layer's other neurons)";

    private Interventions() {
    }

    /** Told what is going on. */
    public interface Listener {
        /** A new step begins. */
        void stage(String text);

        /** A pass over {@code words} dev words begins; returns what is told about finished words. */
        Extractor.Progress pass(String name, long words);
    }

    /**
     * The ranking and its oracle, read by the caller.
     *
     * @param result the ranking
     * @param sha256 SHA-256 of its {@code ranking.json}
     * @param oracle its oracle probe (all layers)
     */
    public record Ranking(RankingResult result, String sha256, LinearProbe oracle) {
    }

    /**
     * Runs the request.
     *
     * @throws ProbeException when an input is unreadable or the inputs do not belong together
     */
    public static InterventionReport compute(InterventionRequest request, Ranking ranking, ModelRepository repository,
            Listener listener) throws ProbeException {
        long start = System.nanoTime();
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (ActivationStore train = ActivationStore.open(request.train());
                ActivationStore dev = ActivationStore.open(request.dev())) {
            InterventionInputs.check(ranking.result(), request, train, dev);
            StoreManifest m = dev.manifest();
            RankingResult r = ranking.result();
            long seed = request.seed() != null ? request.seed() : r.settings().seed();
            List<NeuronSet> sets = new ArrayList<>();
            for (String spec : request.sets()) {
                sets.add(NeuronSet.parse(spec, r, m.layers(), m.width(), seed));
            }
            String labelColumn = r.inputs().labelColumn();
            NeuronMeans means = null;
            if (request.mode() != EditMode.ZERO) {
                listener.stage("training means");
                means = NeuronMeans.of(train, request.mode() == EditMode.SHIFT ? train.labels(labelColumn) : null,
                        request.shiftFrom(), request.shiftTo());
            }
            ProbePoint point = ProbePoint.valueOf(m.point().toUpperCase(Locale.ROOT));
            EditPlan plan = new EditPlan(point, m.layers(), m.width(), request.mode(), request.beta(), means);
            long t = System.nanoTime();
            List<WordRuns.Probe> probes = LayerProbeSet.train(r, ranking.oracle(), train, dev, probeLayers(request,
                    sets, m), listener);
            seconds.put("probes", (System.nanoTime() - t) / 1e9);
            List<String> labels = dev.labels(labelColumn);
            List<int[]> gold = probes.stream().map(p -> p.probe().labels().encode(labels)).toList();
            List<String> classes = new ArrayList<>(new TreeMap<>(m.labels()).keySet());
            Threads.configure(1);
            try (LoadedModel loaded = InterventionInputs.load(m, repository, dev.dir());
                    WordRuns runs = new WordRuns(loaded, m, InterventionInputs.sentences(dev), request.lm(),
                            request.threads() == null ? Runtime.getRuntime().availableProcessors()
                                    : request.threads())) {
                int outputLayer = loaded.transformer().info().layers();
                t = System.nanoTime();
                WordRuns.Outcome clean = runs.run(Intervention.NONE, probes,
                        listener.pass("unedited pass", runs.words()));
                seconds.put("unedited_pass", (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                List<Effect> effects = new ArrayList<>();
                List<InterventionReport.SetRef> setRefs = new ArrayList<>();
                for (NeuronSet set : sets) {
                    Map<EffectValues.Key, Double> selected = EffectValues.of(clean, runs.run(plan.edits(set.neurons()),
                            probes, listener.pass(set.spec(), runs.words())), probes, gold, labels, classes,
                            outputLayer, runs.measuresLm());
                    long[] seeds = new long[request.randomSets()];
                    List<Map<EffectValues.Key, Double>> random = new ArrayList<>();
                    for (int i = 0; i < seeds.length; i++) {
                        seeds[i] = seed + 1 + i;
                        int[] control = MatchedRandom.draw(set.neurons(), m.layers().size(), m.width(), seeds[i]);
                        random.add(EffectValues.of(clean, runs.run(plan.edits(control), probes, listener.pass(
                                set.spec() + ": random " + (i + 1) + "/" + seeds.length, runs.words())), probes, gold,
                                labels, classes, outputLayer, runs.measuresLm()));
                    }
                    effects.addAll(EffectValues.combine(set.spec(), set.size(), selected, random));
                    setRefs.add(setRef(set, m, seeds));
                }
                seconds.put("edited_passes", (System.nanoTime() - t) / 1e9);
                seconds.put("total", (System.nanoTime() - start) / 1e9);
                List<InterventionReport.ProbeRef> probeRefs = new ArrayList<>();
                for (int p = 0; p < probes.size(); p++) {
                    WordRuns.Probe probe = probes.get(p);
                    probeRefs.add(new InterventionReport.ProbeRef(probe.name(), probe.layer(), probe.probe().width(),
                            accuracy(gold.get(p), clean.predicted().get(p))));
                }
                return new InterventionReport(InterventionReport.FORMAT_VERSION, Provenance.now(),
                        InterventionInputs.describe(request, ranking, train, dev, labelColumn, runs.words()),
                        settings(request, seed, runs.measuresLm()), probeRefs, setRefs, effects, seconds);
            }
        }
    }

    /** The layers to probe: those asked for, else every layer of the stores from the lowest edited one up. */
    private static List<Integer> probeLayers(InterventionRequest request, List<NeuronSet> sets, StoreManifest m) {
        if (!request.probeLayers().isEmpty()) {
            for (int layer : request.probeLayers()) {
                if (!m.layers().contains(layer)) {
                    throw new dev.probe.InvalidRequest("probeLayers", "layer " + layer + " is not in the stores,"
                            + " which hold layers " + m.layers());
                }
            }
            return request.probeLayers();
        }
        int lowest = sets.stream().flatMapToInt(s -> java.util.Arrays.stream(s.neurons())).map(id -> id / m.width())
                .min().orElse(0);
        return m.layers().subList(lowest, m.layers().size());
    }

    private static InterventionReport.SetRef setRef(NeuronSet set, StoreManifest m, long[] seeds) {
        List<String> names = new ArrayList<>();
        Map<Integer, Integer> perLayer = new TreeMap<>();
        for (int id : set.neurons()) {
            int layer = m.layers().get(id / m.width());
            names.add(layer + ":" + id % m.width());
            perLayer.merge(layer, 1, Integer::sum);
        }
        return new InterventionReport.SetRef(set.spec(), set.neurons(), names, perLayer, seeds);
    }

    private static InterventionReport.Settings settings(InterventionRequest request, long seed, boolean lm) {
        boolean shift = request.mode() == EditMode.SHIFT;
        return new InterventionReport.Settings(request.mode().id(), shift ? request.beta() : null,
                request.shiftFrom(), request.shiftTo(), request.randomSets(), seed, lm, METHOD);
    }

    private static double accuracy(int[] gold, int[] predicted) {
        long right = 0;
        for (int i = 0; i < gold.length; i++) {
            right += gold[i] >= 0 && gold[i] == predicted[i] ? 1 : 0;
        }
        return gold.length == 0 ? 0 : (double) right / gold.length;
    }
}
