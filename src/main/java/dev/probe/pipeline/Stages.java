package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import java.nio.file.Path;

/**
 * The stages a pipeline runs, one call per step. {@link LocalStages} runs them in this process; tests use fakes.
 */
public interface Stages {
    /** Extracts one store. */
    StoreManifest extract(ExtractionRequest request) throws ProbeException;

    /** Ranks the neurons of one model × task and writes its rank folder. */
    RankingResult rank(RankRequest request) throws ProbeException;

    /**
     * Writes the comparison of rankings as Markdown to {@code markdown} and as JSON next to it.
     *
     * @param force replace files an earlier comparison wrote
     */
    void compare(Comparison comparison, Path markdown, boolean force) throws ProbeException;
}
