package dev.probe.cli;

import dev.probe.InvalidRequest;
import dev.probe.intervene.EditMode;
import picocli.CommandLine.Option;

/** How chosen neurons are changed inside the forward pass: {@code --mode zero|mean|shift}, {@code --beta}, {@code --shift}. */
public final class EditOptions {
    @Option(names = "--mode", defaultValue = "zero", paramLabel = "zero|mean|shift",
            description = "What is done to the neurons: zero, their training mean, or a shift toward another class's"
                    + " mean (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--beta", defaultValue = "1", paramLabel = "B",
            description = "Shift mode: move each neuron by B·(mean of TO − mean of FROM) (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--shift", paramLabel = "FROM:TO", description = "Shift mode: the two classes.")
    String shift;

    /** The mode. @throws InvalidRequest for an unknown one */
    EditMode mode() {
        return EditMode.parse(mode);
    }

    /** The class moved from, or null. @throws InvalidRequest when {@code --shift} is not FROM:TO */
    String from() {
        String[] pair = EditMode.classes(shift);
        return pair == null ? null : pair[0];
    }

    /** The class moved toward, or null. */
    String to() {
        String[] pair = EditMode.classes(shift);
        return pair == null ? null : pair[1];
    }

    /** Whether {@code --shift} was given. */
    boolean hasShift() {
        return shift != null;
    }
}
