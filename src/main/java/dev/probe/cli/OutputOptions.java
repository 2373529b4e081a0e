package dev.probe.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The folder a command creates ({@code --out}) and whether it may replace one this tool wrote ({@code --force}). */
public final class OutputOptions {
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Folder to create (the store, probe or rank folder).")
    Path out;

    @Option(names = "--force",
            description = "Replace a folder of the same kind this tool wrote there (never another folder or an input).")
    boolean force;
}
