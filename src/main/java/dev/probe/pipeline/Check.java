package dev.probe.pipeline;

import java.util.Objects;

/**
 * Whether a step's existing output can be kept.
 *
 * @param upToDate the output exists and records the provenance the configuration would give it
 * @param reason why it cannot be kept ({@code "missing"}, {@code "input sha256 differs"}, …); empty when up to date
 */
public record Check(boolean upToDate, String reason) {
    private static final Check FRESH = new Check(true, "");

    /** Requires a reason for every stale output. */
    public Check {
        Objects.requireNonNull(reason, "reason");
        if (!upToDate && reason.isBlank()) {
            throw new IllegalArgumentException("a stale output needs a reason");
        }
    }

    /** An output to keep. */
    public static Check fresh() {
        return FRESH;
    }

    /** An output to redo, and why. */
    public static Check stale(String reason) {
        return new Check(false, reason);
    }

    /** Whether the output was not there at all. */
    public boolean missing() {
        return !upToDate && MISSING.equals(reason);
    }

    /** The reason of an output that does not exist. */
    static final String MISSING = "missing";
}
