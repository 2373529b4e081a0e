package dev.probe.cluster;

import dev.probe.Provenance;
import java.util.List;

/**
 * The content of {@code clusters.json}: which neurons of a store fire alike, and the one kept per group.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param tool who wrote it and when
 * @param store the store clustered
 * @param model the model behind the activations
 * @param point "hidden" or "ffn"
 * @param layers the layers clustered
 * @param neurons how many neurons were clustered
 * @param method how: the correlation, the distance, the linkage and the representative rule, in words
 * @param linkage "average", "complete" or "single"
 * @param threshold the cut height (a distance {@code 1 − |r|})
 * @param independent the number of groups, which is the number of independent neurons kept
 * @param redundantGroups groups of two or more neurons
 * @param constant the names of neurons that never change over the rows (each is a group of its own below threshold 1)
 * @param groups every group, ordered by its lowest neuron id
 * @param seconds wall time: the pass over the store and the clustering
 */
public record ClustersReport(int formatVersion, Provenance tool, StoreRef store, ModelRef model, String point,
        List<Integer> layers, int neurons, Method method, String linkage, double threshold, int independent,
        int redundantGroups, List<String> constant, List<Group> groups, Timing seconds) {

    /** The format version this code writes. */
    public static final int FORMAT_VERSION = 1;
    /** The file name inside the output folder. */
    public static final String FILE_NAME = "clusters.json";

    /**
     * @param path the store folder
     * @param manifestSha256 SHA-256 of its manifest.json
     * @param rows the rows (words) the correlations are taken over
     */
    public record StoreRef(String path, String manifestSha256, long rows) {
    }

    /**
     * @param spec the model's alias or path
     * @param architecture its model type
     * @param configSha256 SHA-256 of its config
     * @param weightsSha256 SHA-256 of its weights, or null when the store does not record it
     */
    public record ModelRef(String spec, String architecture, String configSha256, String weightsSha256) {
    }

    /**
     * @param correlation the correlation and how it was computed
     * @param distance the distance between two neurons
     * @param cut how the tree becomes groups
     * @param representative which member each group keeps
     * @param source the method's paper and the code it follows
     */
    public record Method(String correlation, String distance, String cut, String representative, String source) {
        /** The method of {@link NeuronClustering}. */
        static Method standard() {
            return new Method("Pearson, over all rows, from one streaming pass of mergeable sums in double precision",
                    "1 - |r| (0 where a neuron is constant)",
                    "agglomerative clustering (Smile HierarchicalClustering); neurons joined at a merge height <="
                            + " threshold share a group (scipy fcluster criterion=\"distance\")",
                    "the member with the largest mean |r| to the other members; ties: the lowest neuron id",
                    "Dalvi et al. 2020, Analyzing Redundancy in Pretrained Transformer Models (EMNLP);"
                            + " NeuroX interpretation/clustering.py");
        }
    }

    /**
     * A group of neurons that fire alike.
     *
     * @param id its index in {@code groups}
     * @param size its number of neurons
     * @param representative the name ({@code L<layer>:<unit>}) of the neuron kept
     * @param representativeId its matrix column in the store
     * @param meanAbsCorrelation the representative's mean |r| to the other members (1 for a single neuron)
     * @param members the names of every neuron in it, ascending by column
     * @param memberIds their matrix columns in the store
     */
    public record Group(int id, int size, String representative, int representativeId, double meanAbsCorrelation,
            List<String> members, int[] memberIds) {
    }

    /**
     * @param statistics the pass over the store
     * @param clustering the clustering and the representatives
     */
    public record Timing(double statistics, double clustering) {
    }

    /** The largest group (the first of the largest, by lowest neuron id). */
    public Group largest() {
        Group best = groups.get(0);
        for (Group g : groups) {
            if (g.size() > best.size()) {
                best = g;
            }
        }
        return best;
    }
}
