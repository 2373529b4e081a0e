/**
 * Config-driven pipelines ({@code probe run --config X.yaml}): a YAML file names models and tasks, and the pipeline
 * extracts an activation store per model × task × split, ranks neurons per model × task and tabulates the rankings.
 *
 * <p>{@link dev.probe.pipeline.PipelineConfig} is the validated configuration; {@link dev.probe.pipeline.PipelineRunner}
 * runs the steps through a {@link dev.probe.pipeline.StepExecutor} (the {@code probe} command line in process), and
 * skips a step whose output already exists with the provenance this configuration would give it
 * ({@link dev.probe.pipeline.StoreExpectation}, {@link dev.probe.pipeline.RankExpectation}). Each step reads and writes
 * files only, so a pipeline stopped half-way resumes where it stopped.
 */
package dev.probe.pipeline;
