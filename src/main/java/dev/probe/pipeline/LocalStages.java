package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.Extraction;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.ModelRepository;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import dev.probe.report.ComparisonFiles;
import dev.probe.report.RankStage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The stages, run in this process: the API the command line uses, and the one to call from Java.
 *
 * <pre>{@code
 * Stages stages = new LocalStages(ModelRepository.atDefaultHome(), new PrintWriter(System.err, true));
 * stages.extract(ExtractionRequest.of(Path.of("train.conllu"), Path.of("stores/train")));
 * }</pre>
 */
public final class LocalStages implements Stages {
    private final ModelRepository repository;
    private final PrintWriter log;

    /**
     * @param repository where model aliases are cached
     * @param log where warnings (probes that did not converge) and notices go
     */
    public LocalStages(ModelRepository repository, PrintWriter log) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public StoreManifest extract(ExtractionRequest request) throws ProbeException {
        return Extraction.run(request, repository, Extraction.Listener.NONE, log);
    }

    @Override
    public RankingResult rank(RankRequest request) throws ProbeException {
        return RankStage.run(request, stage -> { }, warning -> {
            log.println(warning);
            log.flush();
        });
    }

    @Override
    public void compare(Comparison comparison, java.util.List<Comparison.Run> runs, Path markdown, Path html,
            boolean force) throws ProbeException {
        ComparisonFiles.write(comparison, runs, markdown, html, force, java.util.List.of());
    }
}
