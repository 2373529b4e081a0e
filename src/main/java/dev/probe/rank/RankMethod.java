package dev.probe.rank;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.probe.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The neuron ranking methods of {@code probe rank --method}; docs/rankers.md gives each one's source and formula.
 * The probe-weight methods train a probe on all neurons and order by its weight mass; the statistic methods read
 * only per-class sufficient statistics; {@code gaussian} selects greedily.
 */
public enum RankMethod {
    /** Linguistic Correlation Analysis: the oracle's weight mass (Dalvi et al. 2019). */
    LCA,
    /** The weight mass of a probe with (λ1, 0). */
    LASSO,
    /** The weight mass of a probe with (0, λ2). */
    RIDGE,
    /** The weight mass of a probe with (0, 0). */
    NOREG,
    /** Summed absolute differences of class means (Antverg &amp; Belinkov 2022). */
    PROBELESS,
    /** Class-mean difference over the activation range (Fan et al. 2023). */
    SELECTIVITY,
    /** Intersection over union of the top-quantile mask with the class (Mu &amp; Andreas 2020). */
    IOU,
    /** Average precision of the activation for the class (NeuroX). */
    AP,
    /** Greedy mutual information of per-class Gaussians (Torroba Hennigen et al. 2020). */
    GAUSSIAN,
    /** One-way ANOVA F statistic. */
    ANOVA;

    /** The name on the command line and in files ({@code lca}). */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method called {@code text} (case-insensitive). */
    @JsonCreator
    public static RankMethod parse(String text) {
        for (RankMethod m : values()) {
            if (m.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return m;
            }
        }
        throw new InvalidRequest("method", "'" + text + "' is not a ranking method; expected one of "
                + Arrays.stream(values()).map(RankMethod::id).collect(Collectors.joining(", ")));
    }

    /** Whether the method reads per-class sufficient statistics. */
    public boolean usesStatistics() {
        return this == PROBELESS || this == SELECTIVITY || this == IOU || this == AP || this == ANOVA
                || this == GAUSSIAN;
    }

    /** Whether those statistics need histograms. */
    public boolean usesHistograms() {
        return this == IOU || this == AP;
    }

    @Override
    public String toString() {
        return id();
    }
}
