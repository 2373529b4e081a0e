/**
 * Config-driven pipelines ({@code probe run --config X.yaml}): a YAML file names models and tasks, and the pipeline
 * extracts one activation store per model × corpus file, ranks neurons per model × task (each task its own label
 * column of those stores) and tabulates the rankings.
 *
 * <p>{@link dev.probe.pipeline.PipelineConfig} is the validated configuration; {@link dev.probe.pipeline.PipelineRunner}
 * calls the stages through the {@link dev.probe.pipeline.Stages} interface ({@link dev.probe.pipeline.LocalStages} in
 * this process) with typed requests, and skips a step whose output already exists with the provenance this
 * configuration would give it ({@link dev.probe.pipeline.StoreExpectation}; {@link dev.probe.pipeline.RankExpectation}:
 * the recorded {@link dev.probe.rank.RankSettings} equal). Each step reads and writes files only, so a pipeline stopped
 * half-way resumes where it stopped. Nothing here knows the command line.
 */
package dev.probe.pipeline;
