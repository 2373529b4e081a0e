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

    /** The lower-case name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
