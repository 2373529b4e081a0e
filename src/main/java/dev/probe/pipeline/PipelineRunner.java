package dev.probe.pipeline;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.corpus.CorpusFormat;
import dev.probe.model.ModelChoice;
import dev.probe.model.ModelRepository;
import dev.probe.model.ProbePoint;
import dev.probe.pipeline.PipelineConfig.ModelEntry;
import dev.probe.pipeline.PipelineConfig.TaskEntry;
import dev.probe.rank.RankRequest;
import dev.probe.rank.RankSettings;
import dev.probe.report.Comparison;
import dev.probe.report.RankingFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs a pipeline: for each model, extracts one store per corpus file (every task of that file reads it), ranks the
 * neurons of every task on its stores with the task's label column, and finally compares every ranking. A store or
 * ranking whose recorded provenance matches what the configuration would produce ({@link StoreExpectation},
 * {@link RankExpectation}) is kept; any other is made again.
 *
 * <p>Outputs, under {@code run_dir}: {@code stores/<model>/<corpus file name>}, {@code runs/<model>/<task>/rank},
 * {@code comparison.md}, {@code comparison.json} and {@code comparison.html} (with its charts
 * {@code comparison-accuracy.svg}/{@code .png} and {@code comparison-layers.svg}/{@code .png}). One line per step goes
 * to the log ({@code extract minilm/train.conllu … done in 3.2 s} or {@code … up to date}). A step that fails stops
 * the pipeline.
 */
public final class PipelineRunner {
    private final Stages stages;
    private final ModelRepository repository;
    private final PrintWriter log;

    /**
     * A runner.
     *
     * @param stages runs each step
     * @param repository where model aliases are cached (for their {@code config.json} hashes)
     * @param log where the one-line step reports go (stderr)
     */
    public PipelineRunner(Stages stages, ModelRepository repository, PrintWriter log) {
        this.stages = stages;
        this.repository = repository;
        this.log = log;
    }

    /** What a store depends on besides the model: the corpus file and how it is read. */
    private record Source(Path file, CorpusFormat format, int tokenColumn) {
    }

    /**
     * Runs every step that is not up to date.
     *
     * @throws ProbeException when a model cannot be resolved, an input cannot be read, or a step fails (the message
     *     names the step and repeats its error)
     */
    public PipelineResult run(PipelineConfig config) throws ProbeException {
        List<PipelineResult.Step> steps = new ArrayList<>();
        List<Comparison.Run> rankings = new ArrayList<>();
        Map<Source, String> names = storeNames(config);
        for (int m = 0; m < config.models().size(); m++) {
            ModelEntry model = config.models().get(m);
            ModelFingerprint fingerprint = fingerprint(config, m);
            Set<Source> extracted = new HashSet<>();
            for (TaskEntry task : config.tasks()) {
                Map<String, Path> stores = new LinkedHashMap<>();
                for (Map.Entry<String, Path> split : task.splits().entrySet()) {
                    Source source = new Source(split.getValue(), task.format(), task.tokenColumn());
                    Path store = config.store(model, names.get(source));
                    stores.put(split.getKey(), store);
                    if (extracted.add(source)) {
                        StoreExpectation expected = StoreExpectation.of(fingerprint, model, task, source.file());
                        String target = model.name() + "/" + names.get(source);
                        steps.add(step("extract", target, expected.check(store),
                                () -> stages.extract(extraction(model, task, source, store)),
                                () -> expected.check(store)));
                    }
                }
                Path rankDir = config.rankDir(model, task);
                RankSettings settings = config.rank().forTask(task.name(), task.label());
                RankExpectation expected = RankExpectation.of(stores, settings);
                RankRequest request = new RankRequest(stores.get("train"), stores.get("dev"), stores.get("test"),
                        null, settings, rankDir, true);
                steps.add(step("rank", model.name() + "/" + task.name(), expected.check(rankDir),
                        () -> stages.rank(request), () -> expected.check(rankDir)));
                Path file = rankDir.resolve(RankingFiles.FILE_NAME);
                rankings.add(new Comparison.Run(model.name(), task.name(), file, RankingFiles.read(file)));
            }
        }
        steps.add(compare(config, rankings));
        return new PipelineResult(steps, config.comparisonMarkdown(), config.comparisonJson(),
                config.comparisonHtml());
    }

    /** One folder name per corpus source: the file's name, with {@code -2}, {@code -3}, … when names collide. */
    private static Map<Source, String> storeNames(PipelineConfig config) {
        Map<Source, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (TaskEntry task : config.tasks()) {
            for (Path file : task.splits().values()) {
                Source source = new Source(file, task.format(), task.tokenColumn());
                if (!names.containsKey(source)) {
                    String base = file.getFileName().toString();
                    String name = base;
                    for (int i = 2; !taken.add(name); i++) {
                        name = base + "-" + i;
                    }
                    names.put(source, name);
                }
            }
        }
        return names;
    }

    private ExtractionRequest extraction(ModelEntry model, TaskEntry task, Source source, Path store)
            throws ProbeException {
        try {
            return new ExtractionRequest(source.file(), source.format(), task.column(), source.tokenColumn(),
                    ModelChoice.of(model.model()).withRandomInit(model.randomInit()), model.layers(), ProbePoint.HIDDEN,
                    model.aggregation(), model.dtype(), ExtractionRequest.DEFAULT_BATCH_TOKENS,
                    ExtractionRequest.DEFAULT_BATCH_SIZE, store, true,
                    false, dev.probe.activations.ExtractionJob.DEFAULT_CHECKPOINT_SENTENCES);
        } catch (InvalidRequest e) {
            throw new ProbeException("models." + model.name() + ": " + e.getMessage());
        }
    }

    private ModelFingerprint fingerprint(PipelineConfig config, int index) throws ProbeException {
        try {
            ModelEntry model = config.models().get(index);
            return ModelFingerprint.of(model.model(), model.randomInit(), repository);
        } catch (ProbeException e) {
            throw new ProbeException(config.file(), "models[" + index + "].model: " + e.getMessage(), e);
        }
    }

    /** The work of one step. */
    @FunctionalInterface
    private interface Work {
        void run() throws ProbeException;
    }

    /** A freshness check, made again after a step ran. */
    @FunctionalInterface
    private interface Recheck {
        Check check();
    }

    /** One extract or rank step: kept when {@code before} is fresh, else run and checked again. */
    private PipelineResult.Step step(String kind, String target, Check before, Work work, Recheck after)
            throws ProbeException {
        String name = kind + " " + target;
        if (before.upToDate()) {
            log.println(name + " … up to date");
            log.flush();
            return new PipelineResult.Step(kind, target, false, "", 0);
        }
        double seconds = execute(name, work);
        log.printf(Locale.ROOT, "done in %.1f s%s%n", seconds, before.missing() ? "" : " (redone: " + before.reason()
                + ")");
        Check now = after.check();
        if (!now.upToDate()) {
            log.println("warning: " + name + " wrote output that does not match the configuration (" + now.reason()
                    + "); it will be made again on the next run");
        }
        log.flush();
        return new PipelineResult.Step(kind, target, true, before.reason(), seconds);
    }

    /** The comparison of all rankings, named as in the configuration: always made, it is cheap. */
    private PipelineResult.Step compare(PipelineConfig config, List<Comparison.Run> rankings) throws ProbeException {
        String target = rankings.size() + (rankings.size() == 1 ? " ranking" : " rankings");
        double seconds = execute("compare " + target,
                () -> stages.compare(Comparison.of(rankings, List.of()), rankings, config.comparisonMarkdown(),
                        config.comparisonHtml(), true));
        log.printf(Locale.ROOT, "done in %.1f s%n", seconds);
        log.flush();
        return new PipelineResult.Step("compare", target, true, "", seconds);
    }

    /** Prints {@code name … }, runs the step, and returns its seconds; a failure ends the line and throws. */
    private double execute(String name, Work work) throws ProbeException {
        log.print(name + " … ");
        log.flush();
        long start = System.nanoTime();
        try {
            work.run();
        } catch (ProbeException | InvalidRequest e) {
            log.println("failed");
            log.flush();
            throw new ProbeException(null, 0, "step " + name + " failed: " + e.getMessage(), e);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
