package dev.probe.cli;

import picocli.CommandLine.Option;

/** {@code --verbose} and {@code --quiet}, mixed into every command. */
public final class LoggingOptions {
    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar on stderr (shown only when stderr is a terminal).")
    boolean quiet;
}
