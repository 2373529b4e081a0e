package dev.probe.cli;

import dev.probe.ProbeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code probe demo}: the main job on the embedded default model — {@code configs/demo.yaml}: MiniLM activations of
 * the bundled samples, elastic-net probes with control tasks, neuron rankings and reports for XPOS, DEPREL and
 * STREUSLE supersenses, and the comparison table.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run configs/demo.yaml: MiniLM on the bundled samples (XPOS, DEPREL, STREUSLE supersenses):",
                "extract, probe, rank, report, and print the comparison. Outputs go to runs/demo."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--config", paramLabel = "FILE.yaml",
            description = "The demo configuration (default: configs/demo.yaml in the project root).")
    Path config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws ProbeException {
        return RunCommand.runPipeline(config != null ? config : defaultConfig(), spec, logging, json.enabled);
    }

    private static Path defaultConfig() throws ProbeException {
        String root = System.getProperty("probe.root");
        Path candidate = (root != null ? Path.of(root) : Path.of("")).resolve("configs").resolve("demo.yaml");
        if (!Files.isRegularFile(candidate)) {
            throw new ProbeException(candidate, "no such file; run from the project root or pass --config FILE.yaml");
        }
        return candidate;
    }
}
