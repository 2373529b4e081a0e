package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.intervene.InterventionReport;
import dev.probe.intervene.InterventionRequest;
import dev.probe.intervene.Interventions;
import dev.probe.io.AtomicDirectory;
import dev.probe.io.Json;
import dev.probe.io.OutputGuard;
import dev.probe.io.OutputKind;
import dev.probe.model.ModelRepository;
import dev.probe.probe.ProbeArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The intervention stage: reads the ranking and its oracle probe, runs {@link Interventions}, and writes
 * {@code intervention.json}, {@code intervention.html} and the headline chart ({@code intervention.svg},
 * {@code intervention.png}) into a folder that appears whole or not at all.
 */
public final class InterventionStage {
    private InterventionStage() {
    }

    /** Writes {@code intervention.json}, the chart and {@code intervention.html} into a folder. */
    static void writeFiles(Path d, InterventionReport report) throws IOException {
        Files.createDirectories(d);
        Files.writeString(d.resolve(InterventionReport.FILE_NAME),
                Json.writer(InterventionReport.class).writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        Files.writeString(d.resolve("intervention.svg"), InterventionPage.svg(report).document(),
                StandardCharsets.UTF_8);
        InterventionPage.png(report, d.resolve("intervention.png"));
        Files.writeString(d.resolve("intervention.html"), InterventionPage.page(report), StandardCharsets.UTF_8);
    }

    /**
     * Runs the request.
     *
     * @return what {@code intervention.json} holds
     * @throws ProbeException when an input is bad or the output may not be written
     */
    public static InterventionReport run(InterventionRequest request, ModelRepository repository,
            Interventions.Listener listener) throws ProbeException {
        if (request.out() != null) {
            OutputGuard.check(request.out(), OutputKind.INTERVENTION, request.force(), request.inputs());
        }
        RankingFiles.Digested ranking = RankingFiles.readDigested(request.ranking());
        ProbeArtifact.Loaded oracle = ProbeArtifact.read(ranking.file().toAbsolutePath().getParent().resolve("probe"));
        try (AtomicDirectory dir = request.out() == null ? null
                : AtomicDirectory.create(request.out(), OutputKind.INTERVENTION, request.force())) {
            InterventionReport report = Interventions.compute(request, new Interventions.Ranking(ranking.result(),
                    ranking.sha256(), oracle.probe()), repository, listener);
            if (dir != null) {
                writeFiles(dir.path(), report);
                dir.commit();
            }
            return report;
        } catch (IOException e) {
            throw new ProbeException(request.out(), "cannot write the intervention: " + e.getMessage(), e);
        }
    }
}
