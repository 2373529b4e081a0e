package dev.probe.io;

import dev.probe.ProbeException;
import java.nio.file.Path;

/** Another live process is writing the same output; its message names the output and that process. */
public final class OutputBusyException extends ProbeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param target the output
     * @param message what is happening, naming the other process
     */
    public OutputBusyException(Path target, String message) {
        super(target, message);
    }
}
