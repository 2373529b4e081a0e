package dev.probe.cli;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The top-level {@code probe} command: a container of subcommands. */
@Command(name = "probe", mixinStandardHelpOptions = true, versionProvider = ProbeCommand.Version.class,
        description = "Neuron-level analysis of pretrained transformers.",
        subcommands = {DemoCommand.class, ExtractCommand.class, InspectCommand.class, TrainCommand.class,
                EvalCommand.class, RankCommand.class, LayersCommand.class, BenchRankersCommand.class,
                ClusterCommand.class, CensusCommand.class, CompareCommand.class, RunCommand.class,
                ModelsCommand.class, NeuronCommand.class, InterveneCommand.class, MergeCommand.class,
                RankStatsCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error (a bug: please report it with --verbose output)",
                "2:bad input or usage (the message names the file and line)",
                "3:probe compare --expect: the comparison was made, but an expectation does not hold"})
public final class ProbeCommand {
    /** Entry point. */
    public static void main(String[] args) {
        CommandLine cli = newCommandLine();
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // a safety net: inputs are bounded, so this is a bug or a heap far too small for the data
            cli.getErr().println("probe: internal error: out of memory (raise it with PROBE_JAVA_OPTS=-Xmx…; run"
                    + " again with --verbose and report it if the input is small)");
            cli.getErr().flush();
            code = ExitCodes.INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /** A configured command line, for {@link #main} and for tests. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new ProbeCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(ProbeCommand::handle);
        return cli;
    }

    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        boolean verbose = verbose(parsed);
        if (e instanceof InvalidRequest invalid) {
            err.println("probe: " + flag(invalid.field()) + ": " + oneLine(invalid.problem()));
        } else if (e instanceof ProbeException) {
            err.println("probe: " + oneLine(e.getMessage()));
        } else {
            err.println("probe: internal error: " + oneLine(String.valueOf(e)));
        }
        if (verbose) {
            e.printStackTrace(err);
        } else if (!(e instanceof ProbeException) && !(e instanceof InvalidRequest)) {
            err.println("probe: run again with --verbose for the stack trace");
        }
        err.flush();
        return e instanceof ProbeException || e instanceof InvalidRequest ? ExitCodes.INPUT_ERROR
                : ExitCodes.INTERNAL_ERROR;
    }

    /** The option behind a request field: {@code batchTokens} → {@code --batch-tokens}. */
    static String flag(String field) {
        return switch (field) {
            case "grid" -> "--grid-values";
            case "learningRate" -> "--lr";
            default -> "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Every message is one line: line breaks inside a message (from a library) become "; ". */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        List<String> args = parsed.originalArgs();
        return args.contains("--verbose") || args.contains("-v");
    }

    /** The version from the jar manifest, and those of the runtime and the libraries the numbers depend on. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"probe " + Provenance.toolVersion(), "Java " + System.getProperty("java.version"),
                "DJL " + unknownIfNull(Provenance.djlVersion()),
                "libtorch " + unknownIfNull(Provenance.libtorchVersion())};
        }

        private static String unknownIfNull(String version) {
            return version == null ? "unknown" : version;
        }
    }
}
