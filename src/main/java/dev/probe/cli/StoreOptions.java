package dev.probe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** The activation stores of a probe ({@code --train}, {@code --dev}, {@code --test}) and their label column. */
public final class StoreOptions {
    @Option(names = "--train", required = true, paramLabel = "STORE", description = "Training store.")
    Path train;

    @Option(names = "--dev", paramLabel = "STORE", description = "Development store.")
    Path dev;

    @Option(names = "--test", paramLabel = "STORE", description = "Test store.")
    Path test;

    @Option(names = "--label", paramLabel = "COLUMN",
            description = "Annotation column to predict: a CoNLL-U column name (upos, xpos, deprel, …), a TSV column"
                    + " number, or label (NeuroX) (default: the column given to extract).")
    String label;

    /** The stores given, which an output must not name or hold. */
    List<Path> paths() {
        return Stream.of(train, dev, test).filter(Objects::nonNull).toList();
    }
}
