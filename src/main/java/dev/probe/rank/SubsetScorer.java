package dev.probe.rank;

import dev.probe.ProbeException;

/**
 * What the searches need from probe training: dev/test accuracies of probes trained on a neuron subset (the
 * minimal-set search) and of one λ setting's oracle with its own ordering's top and bottom 20 % (the λ grid).
 * {@link Scorer} trains real probes; tests stand in with literal accuracies.
 */
interface SubsetScorer {

    /**
     * Trains a probe on these neurons and scores it.
     *
     * @param neurons neuron ids, in ordering order
     * @return its size ({@code neurons.length}), dev and test accuracy, and how its training ended
     */
    RankingResult.Point retrained(int[] neurons) throws ProbeException;

    /**
     * Trains a probe on all neurons with these penalties (not warm-started), orders its neurons with
     * {@code ranker} and scores it on dev: as is, keeping only the top 20 % and keeping only the bottom 20 % of its
     * ordering (zero-out ablation).
     */
    GridSearch.Trial trial(double l1, double l2, Ranker ranker) throws ProbeException;
}
