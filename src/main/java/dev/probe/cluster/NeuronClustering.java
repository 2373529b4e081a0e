package dev.probe.cluster;

import java.util.ArrayList;
import java.util.List;
import smile.clustering.HierarchicalClustering;

/**
 * Correlation clustering of neurons after Dalvi et al. (EMNLP 2020, "Analyzing Redundancy in Pretrained Transformer
 * Models") as NeuroX implements it ({@code interpretation/clustering.py}, {@code create_correlation_clusters} and
 * {@code extract_independent_neurons}): the distance between neurons j and k is {@code 1 − |r_jk|} (Pearson
 * correlation over all rows; 0 for a constant neuron), agglomerative clustering with the chosen linkage (Smile's
 * {@link HierarchicalClustering}), and the tree is cut at the threshold the way scipy's
 * {@code fcluster(criterion="distance")} cuts it: two neurons share a group exactly when they are joined at a merge
 * height ≤ threshold.
 *
 * <p><b>Representatives.</b> NeuroX keeps one neuron per group picked at random. Here the pick is deterministic: the
 * member with the largest mean |r| to the other members of its group (the most central one), ties broken by the
 * lowest neuron id; a singleton is its own representative.
 *
 * <p><b>Precision.</b> Smile keeps the proximity matrix in float, so the distances (and the merge heights) are rounded
 * to float: a pair within about 6·10⁻⁸ of the threshold may fall on either side.
 */
public final class NeuronClustering {
    private NeuronClustering() {
    }

    /**
     * One group of redundant neurons.
     *
     * @param members neuron indices (into the statistics' columns), ascending
     * @param representative the member kept, see the class comment
     * @param meanAbsCorrelation the representative's mean |r| to the other members (1 for a singleton)
     */
    public record Group(int[] members, int representative, double meanAbsCorrelation) {
    }

    /**
     * A flat clustering.
     *
     * @param groups the groups, ordered by their lowest member
     * @param groupOf {@code [D]} the group index of each neuron
     * @param constant neurons that never change over the rows (each correlates 0 with every other neuron)
     */
    public record Result(List<Group> groups, int[] groupOf, int[] constant) {
        /** The number of independent neurons: one per group. */
        public int independent() {
            return groups.size();
        }
    }

    /**
     * Clusters the neurons of {@code stats}.
     *
     * @param threshold the cut height, a distance in [0, 1]
     */
    public static Result cluster(CorrelationStatistics stats, ClusterLinkage linkage, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], found " + threshold);
        }
        int n = stats.width();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        if (n > 1) {
            HierarchicalClustering tree = HierarchicalClustering.fit(linkage.of(n, proximity(stats)));
            int[][] merges = tree.tree();
            double[] heights = tree.height();
            int[] leaf = new int[2 * n - 1]; // a leaf inside each node of the tree
            for (int i = 0; i < n; i++) {
                leaf[i] = i;
            }
            for (int i = 0; i < merges.length; i++) {
                int a = leaf[merges[i][0]];
                int b = leaf[merges[i][1]];
                leaf[n + i] = a;
                if (heights[i] <= threshold) {
                    union(parent, a, b);
                }
            }
        }
        return groups(stats, parent);
    }

    /**
     * The distances {@code 1 − |r_jk|} as Smile's linkages take them: the lower triangle including the diagonal,
     * column by column, packed ({@code d(j,j), d(j+1,j), …, d(D−1,j)} for j = 0, 1, …), in float.
     */
    static float[] proximity(CorrelationStatistics stats) {
        int n = stats.width();
        float[] d = new float[(int) CorrelationStatistics.packedLength(n)];
        int k = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++, k++) {
                d[k] = i == j ? 0f : (float) (1 - Math.abs(stats.correlation(i, j)));
            }
        }
        return d;
    }

    private static Result groups(CorrelationStatistics stats, int[] parent) {
        int n = parent.length;
        int[] groupOf = new int[n];
        int[] rootGroup = new int[n];
        java.util.Arrays.fill(rootGroup, -1);
        List<List<Integer>> members = new ArrayList<>();
        for (int j = 0; j < n; j++) { // ascending ids: groups come out ordered by their lowest member
            int root = find(parent, j);
            if (rootGroup[root] < 0) {
                rootGroup[root] = members.size();
                members.add(new ArrayList<>());
            }
            groupOf[j] = rootGroup[root];
            members.get(groupOf[j]).add(j);
        }
        List<Group> groups = new ArrayList<>(members.size());
        for (List<Integer> m : members) {
            int[] ids = m.stream().mapToInt(Integer::intValue).toArray();
            groups.add(representative(stats, ids));
        }
        int[] constant = java.util.stream.IntStream.range(0, n).filter(stats::isConstant).toArray();
        return new Result(List.copyOf(groups), groupOf, constant);
    }

    /** The member with the largest mean |r| to the others; the lowest id among equals. */
    static Group representative(CorrelationStatistics stats, int[] ids) {
        if (ids.length == 1) {
            return new Group(ids, ids[0], 1);
        }
        int best = ids[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int a : ids) {
            double total = 0;
            for (int b : ids) {
                if (a != b) {
                    total += Math.abs(stats.correlation(a, b));
                }
            }
            double score = total / (ids.length - 1);
            if (score > bestScore) {
                best = a;
                bestScore = score;
            }
        }
        return new Group(ids, best, bestScore);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
