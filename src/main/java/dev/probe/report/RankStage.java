package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.activations.Extractor;
import dev.probe.intervene.EditMode;
import dev.probe.intervene.InterventionReport;
import dev.probe.intervene.InterventionRequest;
import dev.probe.intervene.Interventions;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Hashes;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.model.ModelRepository;
import dev.probe.probe.ProbeArtifact;
import dev.probe.rank.PerLayer;
import dev.probe.rank.RankJob;
import dev.probe.rank.RankRequest;
import dev.probe.rank.Ranker;
import dev.probe.rank.Ranking;
import dev.probe.rank.RankingResult;
import dev.probe.rank.stats.StatisticsFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ranking stage: one {@link RankRequest} in, one rank folder on disk ({@code ranking.json}, {@code report.md},
 * {@code report.html}, plots, the oracle probe under {@code probe/}, the training store's neuron census under
 * {@code census/}, a page for each class's top neuron under {@code neurons/}, and for the statistic methods the
 * training split's class statistics ({@link StatisticsFiles}), written whole or not at all.
 */
public final class RankStage {
    private RankStage() {
    }

    /**
     * Runs the request.
     *
     * @param progress told about each stage of the analysis
     * @param warnings told one line for each probe that stops before the optimality threshold
     * @return the ranking written
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static RankingResult run(RankRequest request, Consumer<String> progress, Consumer<String> warnings)
            throws ProbeException {
        return run(request, null, Ranker.Listener.of(progress, warnings));
    }

    /**
     * Runs the request, with per-layer probes when asked ({@code probe rank --per-layer}): stored in
     * {@code ranking.json} and shown in a section of the report.
     *
     * @param perLayer the per-layer probes to add, or null for none
     * @param listener told about each stage, each step of a greedy method, and each probe that stops early
     * @return the ranking written
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static RankingResult run(RankRequest request, PerLayer perLayer, Ranker.Listener listener)
            throws ProbeException {
        return run(request, perLayer, null, listener);
    }

    /** The folder of the ablation inside the rank folder. */
    public static final String INTERVENTION = "intervention";

    /**
     * Sets zeroed inside the model after the ranking ({@code probe rank --ablate}), measured as {@code probe
     * intervene} does against matched random sets of the same layers, written under {@value #INTERVENTION}/ and shown
     * in the report.
     *
     * @param sets neuron set specs ({@code minimal}, {@code top:N}, …)
     * @param randomSets matched random sets per set
     * @param repository where the stores' model is found
     */
    public record Ablation(List<String> sets, int randomSets, ModelRepository repository) {
        public Ablation {
            sets = List.copyOf(sets);
        }
    }

    /**
     * Runs the request, with per-layer probes and an ablation when asked.
     *
     * @param perLayer the per-layer probes to add, or null for none
     * @param ablation the sets to zero inside the model, or null for none
     * @param listener told about each stage, each step of a greedy method, and each probe that stops early
     * @return the ranking written
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static RankingResult run(RankRequest request, PerLayer perLayer, Ablation ablation,
            Ranker.Listener listener) throws ProbeException {
        InterventionRequest ablate = ablation == null ? null : new InterventionRequest(request.out(), request.train(),
                request.dev(), ablation.sets(), EditMode.ZERO, 1, null, null, ablation.randomSets(), null, List.of(),
                true, null, null, false);
        Path out = request.out();
        OutputGuard.check(out, OutputKind.RANKING, request.force(), request.inputs());
        try (AtomicDirectory dir = AtomicDirectory.create(out, OutputKind.RANKING, request.force())) {
            RankJob.Outcome outcome = Ranking.compute(request, perLayer, listener);
            Path d = dir.path();
            RankingFiles.write(d, outcome.result());
            if (outcome.classStatistics() != null) {
                RankingResult.Inputs in = outcome.result().inputs();
                StatisticsFiles.write(d, outcome.classStatistics(), java.util.Map.of("store", in.stores().get("train"),
                        "manifest_sha256", in.storeManifests().get("train")), in.labelColumn());
            }
            ReportExtras extras = RankAtlas.write(request.train(), outcome.result(), d, listener::stage,
                    listener::warning);
            if (ablate != null) {
                Interventions.Ranking ranking = new Interventions.Ranking(outcome.result(),
                        Hashes.sha256(d.resolve(RankingFiles.FILE_NAME)), outcome.oracle());
                InterventionReport report = Interventions.compute(ablate, ranking, ablation.repository(),
                        new Interventions.Listener() {
                            @Override
                            public void stage(String text) {
                                listener.stage("ablation: " + text);
                            }

                            @Override
                            public Extractor.Progress pass(String name, long words) {
                                stage("pass: " + name);
                                return done -> { };
                            }
                        });
                InterventionStage.writeFiles(d.resolve(INTERVENTION), report);
                extras = extras.withIntervention(report);
            }
            ReportWriter.write(outcome.result(), extras, d);
            ProbeArtifact.writeInto(d.resolve("probe"), out.resolve("probe"), outcome.oracleReport(), outcome.oracle());
            dir.commit();
            return outcome.result();
        } catch (IOException e) {
            throw new ProbeException(out, "cannot write the ranking: " + e.getMessage(), e);
        }
    }
}
