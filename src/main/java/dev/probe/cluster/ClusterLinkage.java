package dev.probe.cluster;

import smile.clustering.linkage.CompleteLinkage;
import smile.clustering.linkage.Linkage;
import smile.clustering.linkage.SingleLinkage;
import smile.clustering.linkage.UPGMALinkage;

/**
 * How agglomerative clustering measures the distance between two groups of neurons, each backed by Smile's linkage of
 * the same name (scipy's {@code linkage(method=…)} names in brackets).
 */
public enum ClusterLinkage {
    /** The mean of the pairwise distances, UPGMA ({@code "average"}): NeuroX's default. */
    AVERAGE,
    /** The largest pairwise distance ({@code "complete"}): every pair in a group is within the threshold. */
    COMPLETE,
    /** The smallest pairwise distance ({@code "single"}). */
    SINGLE;

    /**
     * Smile's linkage over a proximity matrix.
     *
     * @param size the number of neurons
     * @param proximity the lower triangle, column-wise and packed, as Smile takes it (Smile updates it in place)
     */
    Linkage of(int size, float[] proximity) {
        return switch (this) {
            case AVERAGE -> new UPGMALinkage(size, proximity);
            case COMPLETE -> new CompleteLinkage(size, proximity);
            case SINGLE -> new SingleLinkage(size, proximity);
        };
    }

    /** The lower-case name used on the command line and in {@code clusters.json}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
