package dev.probe.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one pipeline run did.
 *
 * @param steps every step in the order it was considered
 * @param comparisonMarkdown {@code <run_dir>/comparison.md}
 * @param comparisonJson {@code <run_dir>/comparison.json}
 * @param comparisonHtml {@code <run_dir>/comparison.html}
 */
public record PipelineResult(List<Step> steps, Path comparisonMarkdown, Path comparisonJson, Path comparisonHtml) {
    /** Copies the steps. */
    public PipelineResult {
        steps = List.copyOf(steps);
        Objects.requireNonNull(comparisonMarkdown, "comparisonMarkdown");
        Objects.requireNonNull(comparisonJson, "comparisonJson");
        Objects.requireNonNull(comparisonHtml, "comparisonHtml");
    }

    /** The steps of one kind that ran (were not up to date). */
    public List<Step> ran(String kind) {
        return steps.stream().filter(s -> s.kind().equals(kind) && s.ran()).toList();
    }

    /**
     * One step.
     *
     * @param kind {@code extract}, {@code rank} or {@code compare}
     * @param target what it worked on: {@code model/task/split}, {@code model/task}, or the number of rankings
     * @param ran whether it ran; false when its output was up to date
     * @param reason why it ran ({@code "missing"}, {@code "input file changed"}, …), or empty
     * @param seconds its wall time, 0 when it did not run
     */
    public record Step(String kind, String target, boolean ran, String reason, double seconds) {
    }
}
