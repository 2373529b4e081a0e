package dev.probe.cli;

import dev.probe.ProbeException;
import dev.probe.probe.ProbeOptions;
import java.util.Locale;

/**
 * Sane bounds for numeric options, checked before any work so that a value such as {@code --epochs 2147483647} ends
 * with one line naming the option and its range instead of an out-of-memory error. Probe training options are checked
 * by {@link ProbeOptions#validate()}.
 */
final class OptionBounds {
    /** The most padded tokens per forward pass. */
    static final int MAX_BATCH_TOKENS = 1 << 22;
    /** The most sentences per forward pass. */
    static final int MAX_BATCH_SIZE = 1 << 16;
    /** The most extraction threads. */
    static final int MAX_THREADS = 1024;
    /** The longest sequence per forward pass. */
    static final int MAX_TOKENS = 1 << 20;

    private OptionBounds() {
    }

    /** Fails unless {@code min ≤ value ≤ max}. */
    static void check(String option, long value, long min, long max) throws ProbeException {
        if (value < min || value > max) {
            throw new ProbeException(String.format(Locale.ROOT, "%s must be between %d and %d, found %d", option, min,
                    max, value));
        }
    }

    /** Fails unless {@code value} is a finite number in {@code [min, max]}. */
    static void check(String option, double value, double min, double max) throws ProbeException {
        if (!(value >= min && value <= max)) {
            throw new ProbeException(String.format(Locale.ROOT, "%s must be a number between %s and %s, found %s",
                    option, min, max, value));
        }
    }
}
