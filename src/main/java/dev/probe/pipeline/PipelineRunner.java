package dev.probe.pipeline;

import dev.probe.ProbeException;
import dev.probe.model.ModelRepository;
import dev.probe.pipeline.PipelineConfig.ModelEntry;
import dev.probe.pipeline.PipelineConfig.RankSettings;
import dev.probe.pipeline.PipelineConfig.TaskEntry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a pipeline: for each model × task, extracts the train, dev and (optional) test stores, then ranks the neurons;
 * finally tabulates every ranking. A store or ranking whose recorded provenance matches what the configuration would
 * produce ({@link StoreExpectation}, {@link RankExpectation}) is kept; any other is made again with {@code --force}.
 *
 * <p>Outputs, under {@code run_dir}: {@code stores/<model>/<task>/<split>}, {@code runs/<model>/<task>/rank},
 * {@code comparison.md} and {@code comparison.json}. One line per step goes to the log ({@code extract
 * minilm/xpos/train … done in 3.2 s} or {@code … up to date}). A step that exits non-zero stops the pipeline.
 */
public final class PipelineRunner {
    private final StepExecutor executor;
    private final ModelRepository repository;
    private final PrintWriter log;
    private final boolean verbose;

    /**
     * A runner.
     *
     * @param executor runs each step ({@code probe extract …}, {@code probe rank …}, {@code probe compare …})
     * @param repository where model aliases are cached (for their {@code config.json} hashes)
     * @param log where the one-line step reports go (stderr)
     * @param verbose pass {@code --verbose} to the steps and copy their output to the log
     */
    public PipelineRunner(StepExecutor executor, ModelRepository repository, PrintWriter log, boolean verbose) {
        this.executor = executor;
        this.repository = repository;
        this.log = log;
        this.verbose = verbose;
    }

    /**
     * Runs every step that is not up to date.
     *
     * @throws ProbeException when a model cannot be resolved, an input cannot be read, or a step fails (the message
     *     names the step and repeats its error)
     */
    public PipelineResult run(PipelineConfig config) throws ProbeException {
        List<PipelineResult.Step> steps = new ArrayList<>();
        List<Path> rankings = new ArrayList<>();
        for (int m = 0; m < config.models().size(); m++) {
            ModelEntry model = config.models().get(m);
            ModelFingerprint fingerprint = fingerprint(config, m);
            for (TaskEntry task : config.tasks()) {
                Map<String, Path> stores = new LinkedHashMap<>();
                for (Map.Entry<String, Path> split : task.splits().entrySet()) {
                    Path store = config.store(model, task, split.getKey());
                    StoreExpectation expected = StoreExpectation.of(fingerprint, model, task, split.getValue());
                    steps.add(step("extract", model.name() + "/" + task.name() + "/" + split.getKey(),
                            expected.check(store), extractArgs(model, task, split.getValue(), store),
                            () -> expected.check(store)));
                    stores.put(split.getKey(), store);
                }
                Path rankDir = config.rankDir(model, task);
                RankExpectation expected = RankExpectation.of(stores, config.rank());
                steps.add(step("rank", model.name() + "/" + task.name(), expected.check(rankDir),
                        rankArgs(stores, rankDir, config.rank()), () -> expected.check(rankDir)));
                rankings.add(rankDir);
            }
        }
        steps.add(compare(config, rankings));
        return new PipelineResult(steps, config.comparisonMarkdown(), config.comparisonJson());
    }

    private ModelFingerprint fingerprint(PipelineConfig config, int index) throws ProbeException {
        try {
            return ModelFingerprint.of(config.models().get(index).model(), repository);
        } catch (ProbeException e) {
            throw new ProbeException(config.file(), "models[" + index + "].model: " + e.getMessage(), e);
        }
    }

    private List<String> extractArgs(ModelEntry model, TaskEntry task, Path corpus, Path store) {
        List<String> args = command("extract");
        args.addAll(List.of("--model", model.model(), "--input", corpus.toString()));
        if (task.format() != null) {
            args.addAll(List.of("--format", task.format().id()));
        }
        if (task.column() != null) {
            args.addAll(List.of("--column", task.column()));
        }
        if (task.tokenColumn() != 1) {
            args.addAll(List.of("--token-column", Integer.toString(task.tokenColumn())));
        }
        args.addAll(List.of("--layers", model.layersArgument(), "--dtype", model.dtype(), "--aggregate",
                model.aggregation(), "--out", store.toString(), "--force"));
        return args;
    }

    private List<String> rankArgs(Map<String, Path> stores, Path out, RankSettings rank) {
        List<String> args = command("rank");
        for (Map.Entry<String, Path> store : stores.entrySet()) {
            args.addAll(List.of("--" + store.getKey(), store.getValue().toString()));
        }
        args.addAll(List.of("--out", out.toString(), "--force", "--delta", Double.toString(rank.delta()), "--l1",
                Double.toString(rank.l1()), "--l2", Double.toString(rank.l2()), "--seed", Long.toString(rank.seed())));
        if (rank.grid()) {
            args.add("--grid");
            if (!rank.gridValues().isEmpty()) {
                args.addAll(List.of("--grid-values", rank.gridValuesArgument()));
            }
        }
        if (rank.control()) {
            args.add("--control");
        }
        return args;
    }

    private List<String> command(String name) {
        List<String> args = new ArrayList<>(List.of(name, "--quiet"));
        if (verbose) {
            args.add("--verbose");
        }
        return args;
    }

    /** One extract or rank step: kept when {@code before} is fresh, else run and checked again. */
    private PipelineResult.Step step(String kind, String target, Check before, List<String> args,
            Supplier<Check> after) throws ProbeException {
        String name = kind + " " + target;
        if (before.upToDate()) {
            log.println(name + " … up to date");
            log.flush();
            return new PipelineResult.Step(kind, target, false, "", 0);
        }
        double seconds = execute(name, args);
        log.printf(Locale.ROOT, "done in %.1f s%s%n", seconds, before.missing() ? "" : " (redone: " + before.reason()
                + ")");
        Check now = after.get();
        if (!now.upToDate()) {
            log.println("warning: " + name + " wrote output that does not match the configuration (" + now.reason()
                    + "); it will be made again on the next run");
        }
        log.flush();
        return new PipelineResult.Step(kind, target, true, before.reason(), seconds);
    }

    /**
     * The comparison of all rankings: always made, it is cheap. {@code compare --out FILE.md} writes the Markdown and
     * {@code FILE.json} next to it. It takes no {@code --quiet}: it shows no progress.
     */
    private PipelineResult.Step compare(PipelineConfig config, List<Path> rankings) throws ProbeException {
        String target = rankings.size() + (rankings.size() == 1 ? " ranking" : " rankings");
        List<String> args = new ArrayList<>(List.of("compare"));
        rankings.forEach(r -> args.add(r.toString()));
        args.addAll(List.of("--out", config.comparisonMarkdown().toString(), "--force"));
        double seconds = execute("compare " + target, args);
        log.printf(Locale.ROOT, "done in %.1f s%n", seconds);
        for (Path written : List.of(config.comparisonMarkdown(), config.comparisonJson())) {
            if (!Files.isRegularFile(written)) {
                log.println("warning: compare did not write " + written);
            }
        }
        log.flush();
        return new PipelineResult.Step("compare", target, true, "", seconds);
    }

    /** Prints {@code name … }, runs the step, and returns its seconds; a failure ends the line and throws. */
    private double execute(String name, List<String> args) throws ProbeException {
        log.print(name + " … ");
        log.flush();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            code = executor.execute(List.copyOf(args), o, e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (verbose) {
            log.println();
            log.println("  probe " + String.join(" ", args));
            log.print(out);
            log.print(err);
        }
        if (code != 0) {
            log.println("failed (exit " + code + ")");
            log.flush();
            throw new ProbeException("step " + name + " failed (exit " + code + "): " + errorLine(err.toString()));
        }
        return seconds;
    }

    /** The step's error message: its first {@code probe: …} line, else its first line. */
    private static String errorLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "no message";
        }
        String first = lines.stream().filter(l -> l.startsWith("probe: ")).findFirst().orElse(lines.get(0));
        return first.startsWith("probe: ") ? first.substring("probe: ".length()) : first.strip();
    }
}
