package dev.probe.activations;

import dev.probe.ProbeException;
import java.util.Locale;

/** How a word's subword activations become one vector. */
public enum Aggregation {
    /** The first subword's activation. */
    FIRST,
    /** The last subword's activation (NeuroX's default). */
    LAST,
    /** The mean over the word's subwords. */
    MEAN;

    /** The lower-case name used on the command line and in manifests. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code first}, {@code last} or {@code mean}. */
    public static Aggregation parse(String text) throws ProbeException {
        for (Aggregation a : values()) {
            if (a.id().equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw new ProbeException("unknown aggregation '" + text + "' (use first, last or mean)");
    }
}
