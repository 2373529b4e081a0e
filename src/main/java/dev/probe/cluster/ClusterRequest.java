package dev.probe.cluster;

import dev.probe.InvalidRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code probe cluster} does: cluster the neurons of one activation store by correlation.
 *
 * @param store the activation store
 * @param layers the store's layers to cluster, in the order given (empty for all of them)
 * @param threshold the cut height: neurons joined at a distance {@code 1 − |r|} ≤ threshold share a group; in [0, 1]
 * @param linkage how the distance between groups is measured
 * @param out the folder to create with {@code clusters.json}, or null to print the results only
 * @param force replace a cluster folder this tool wrote there
 */
public record ClusterRequest(Path store, List<Integer> layers, double threshold, ClusterLinkage linkage, Path out,
        boolean force) {
    /** Checks the threshold; copies the layers. */
    public ClusterRequest {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(linkage, "linkage");
        layers = layers == null ? List.of() : List.copyOf(layers);
        InvalidRequest.check("threshold", threshold, 0, 1);
    }
}
