package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.ModelRepository;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Stages whose extraction is the real one and whose ranking and comparison are {@link FakeStages}'. */
final class RealExtraction implements Stages {
    final List<ExtractionRequest> extracts = new ArrayList<>();
    final FakeStages fake = new FakeStages();
    private final LocalStages local;

    RealExtraction(ModelRepository repository) {
        local = new LocalStages(repository, new PrintWriter(Writer.nullWriter()));
    }

    @Override
    public StoreManifest extract(ExtractionRequest request) throws ProbeException {
        extracts.add(request);
        return local.extract(request);
    }

    @Override
    public RankingResult rank(RankRequest request) {
        return fake.rank(request);
    }

    @Override
    public void compare(Comparison comparison, java.util.List<Comparison.Run> runs, Path markdown, Path html,
            boolean force) {
        fake.compare(comparison, runs, markdown, html, force);
    }
}
