package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreManifest;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import java.nio.file.Path;
import java.util.List;

/**
 * The stages a pipeline runs, one call per step. {@link LocalStages} runs them in this process; tests use fakes.
 */
public interface Stages {
    /** Extracts one store. */
    StoreManifest extract(ExtractionRequest request) throws ProbeException;

    /** Ranks the neurons of one model × task and writes its rank folder. */
    RankingResult rank(RankRequest request) throws ProbeException;

    /**
     * Writes the comparison of rankings as Markdown to {@code markdown} and as JSON next to it, and as an HTML page to
     * {@code html} with its charts next to it.
     *
     * @param comparison the comparison of {@code runs}
     * @param runs the rankings compared (the page draws from them)
     * @param force replace files an earlier comparison wrote
     */
    void compare(Comparison comparison, List<Comparison.Run> runs, Path markdown, Path html, boolean force)
            throws ProbeException;
}
