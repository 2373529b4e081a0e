package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.model.ModelRepository;
import dev.probe.pipeline.LocalStages;
import dev.probe.pipeline.PipelineConfig;
import dev.probe.pipeline.PipelineResult;
import dev.probe.pipeline.PipelineRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe run --config FILE.yaml}: extract → rank for every model × task of a configuration, then compare; steps
 * whose outputs are up to date are skipped. The comparison table goes to stdout, one line per step to stderr (none
 * with {@code --quiet}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a configured pipeline: extract and rank every model × task, then compare the rankings.",
                "Steps whose output exists with matching provenance are skipped (see configs/README.md).",
                "The comparison goes to <run_dir>/comparison.md and comparison.json, and as an HTML page with charts to "
                    + "<run_dir>/comparison.html (docs/compare.md)."})
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE.yaml",
            description = "Pipeline configuration; its relative paths are relative to its own folder.")
    Path config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws ProbeException {
        return runPipeline(config, spec, logging, json.enabled);
    }

    /**
     * Runs the pipeline of a config file and prints its comparison (Markdown, or with {@code json} the JSON); shared
     * with {@code probe demo}.
     */
    static int runPipeline(Path config, CommandSpec spec, LoggingOptions logging, boolean json)
            throws ProbeException {
        PipelineConfig pipeline = PipelineConfig.load(config);
        PrintWriter err = logging.quiet ? new PrintWriter(Writer.nullWriter()) : spec.commandLine().getErr();
        PipelineRunner runner = new PipelineRunner(new LocalStages(ModelRepository.atDefaultHome(), err),
                ModelRepository.atDefaultHome(), err);
        PipelineResult result = runner.run(pipeline);
        Path printed = json ? result.comparisonJson() : result.comparisonMarkdown();
        if (!Files.isRegularFile(printed)) {
            throw new ProbeException(printed, "compare finished but wrote no comparison");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            out.print(Files.readString(printed, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProbeException(printed, "cannot read: " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
