package dev.probe.cli;

import picocli.CommandLine.Option;

/** {@code --json}: results on stdout as JSON instead of text, for every command that prints results. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the results as JSON instead of text.")
    boolean enabled;
}
