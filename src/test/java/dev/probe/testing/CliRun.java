package dev.probe.testing;

import dev.probe.cli.ProbeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * One black-box run of the {@code probe} command line, in process.
 *
 * @param exitCode the exit code {@code main} would return
 * @param out what went to stdout
 * @param err what went to stderr
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code probe args…}. */
    public static CliRun run(String... args) {
        CommandLine cli = ProbeCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The non-empty lines of stderr. */
    public List<String> errLines() {
        return Arrays.stream(err.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
