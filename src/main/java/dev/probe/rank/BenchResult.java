package dev.probe.rank;

import dev.probe.Provenance;
import java.util.List;

/**
 * The content of {@code bench.json}: several ranking methods on one task, compared as Fan et al. (NeurIPS 2023) do.
 *
 * @param formatVersion {@value #FORMAT_VERSION}
 * @param tool who wrote it and when
 * @param inputs the stores and model
 * @param l1 λ1 of the probes
 * @param l2 λ2 of the probes
 * @param seed seed of the probes and the random sets
 * @param cap the gaussian method's neuron cap
 * @param methods one row per method, in the order asked, then {@code random} (uniform random sets) as a baseline
 * @param consensus the Borda-count consensus ordering of the methods (each gives a neuron {@code n − 1 − rank}
 *     points; most points first, ties by lower id)
 * @param seconds wall time of the whole benchmark
 */
public record BenchResult(int formatVersion, Provenance tool, RankingResult.Inputs inputs, double l1, double l2,
        long seed, int cap, List<MethodRow> methods, int[] consensus, double seconds) {
    /** Current format version. */
    public static final int FORMAT_VERSION = 1;

    /**
     * One method.
     *
     * @param method the method's name ({@code random} for the baseline)
     * @param rankSeconds time to rank (for the probe-weight methods, training their probe)
     * @param retrainSeconds time to retrain the probes of its top sets
     * @param sizes one row per set size
     * @param ordering the method's ordering (empty for the baseline)
     */
    public record MethodRow(String method, double rankSeconds, double retrainSeconds, List<SizeRow> sizes,
            int[] ordering) {
    }

    /**
     * The method's top {@code neurons} neurons.
     *
     * @param neurons set size
     * @param label how the size was asked for: {@code "10"} or {@code "5 %"}
     * @param dev retrained probe's dev accuracy
     * @param test retrained probe's test accuracy (NaN without a test store)
     * @param converged whether that probe reached the optimality threshold
     * @param selectivity mean selectivity (Fan et al.) of the set's neurons, on the dev split
     * @param avgOverlap mean Jaccard overlap with the other methods' top sets of this size (NaN for the baseline)
     * @param consensusOverlap Jaccard overlap with the consensus's top set of this size (NaN for the baseline)
     */
    public record SizeRow(int neurons, String label, double dev, double test, boolean converged, double selectivity,
            double avgOverlap, double consensusOverlap) {
    }
}
