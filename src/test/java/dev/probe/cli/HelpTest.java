package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.testing.CliRun;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code probe CMD --help} exits 0 and prints CMD's usage on stdout, for every subcommand (and nested ones). */
class HelpTest {

    /** Every command path below {@code probe}, e.g. "extract" and "models import-onnx"; picocli's help is separate. */
    static Stream<String> commands() {
        return subcommands("", ProbeCommand.newCommandLine());
    }

    private static Stream<String> subcommands(String prefix, CommandLine cli) {
        return cli.getSubcommands().entrySet().stream()
                .filter(e -> !(e.getValue().getCommand() instanceof CommandLine.HelpCommand))
                .flatMap(e -> {
                    String path = prefix + e.getKey();
                    return Stream.concat(Stream.of(path), subcommands(path + " ", e.getValue()));
                });
    }

    @ParameterizedTest(name = "probe {0} --help")
    @MethodSource("commands")
    void helpExitsZeroWithUsageOnStdout(String command) {
        String[] args = Stream.concat(Stream.of(command.split(" ")), Stream.of("--help")).toArray(String[]::new);
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: probe " + command + " ").contains("--help");
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest(name = "probe help {0}")
    @MethodSource("commands")
    void helpCommandPrintsTheSameUsage(String command) {
        if (command.contains(" ")) {
            return; // picocli's help command knows only the direct subcommands
        }
        CliRun run = CliRun.run("help", command);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.run(command, "--help").out());
    }

    @Test
    void everyCommandIsCoveredButPicocliHelp() {
        assertThat(commands()).contains("demo", "extract", "inspect", "train", "eval", "rank", "compare", "run",
                "models", "models import-onnx", "models import").doesNotContain("help").doesNotHaveDuplicates();
    }
}
