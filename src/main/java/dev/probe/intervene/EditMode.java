package dev.probe.intervene;

import java.util.Locale;

/** How the chosen neurons are changed. */
public enum EditMode {
    /** Set to 0. */
    ZERO,
    /** Set to the neuron's mean over the training words. */
    MEAN,
    /**
     * Translated by β·(μ_to − μ_from), the difference of two classes' training means (Antverg &amp; Belinkov 2022's
     * intervention), at every position.
     */
    SHIFT;

    /**
     * The mode a command-line value names, in any case.
     *
     * @throws dev.probe.InvalidRequest (field {@code mode}) for another value
     */
    public static EditMode parse(String text) {
        for (EditMode m : values()) {
            if (m.id().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new dev.probe.InvalidRequest("mode", "'" + text + "' is not zero, mean or shift");
    }

    /**
     * The two classes of a {@code FROM:TO} value (split at the last colon), or null for null.
     *
     * @throws dev.probe.InvalidRequest (field {@code shift}) when a side is empty
     */
    public static String[] classes(String fromTo) {
        if (fromTo == null) {
            return null;
        }
        int colon = fromTo.lastIndexOf(':');
        if (colon <= 0 || colon == fromTo.length() - 1) {
            throw new dev.probe.InvalidRequest("shift", "'" + fromTo + "' is not FROM:TO");
        }
        return new String[] {fromTo.substring(0, colon), fromTo.substring(colon + 1)};
    }

    /** The lower-case name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
