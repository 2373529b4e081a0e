/**
 * Neuron rankings from a trained probe's weight matrix, after Dalvi et al. (AAAI 2019) and Durrani et al. (EMNLP
 * 2020) as implemented in NeuroX's {@code interpretation/linear_probe.py}: top, bottom, hard-threshold and random
 * neuron sets, the global neuron ordering with its cutoffs ({@link dev.probe.rank.WeightRankings}), and the measures
 * used to compare the sets: Jaccard overlap ({@link dev.probe.rank.Jaccard}) and how a set spreads over the layers
 * ({@link dev.probe.rank.LayerDistribution}).
 *
 * <p>Every function here is pure: weights arrive as {@code float[classes][neurons]} (row = class, column = neuron, the
 * layout of a linear probe's weight matrix), neuron sets leave as {@code int[]} of neuron ids, and nothing is read,
 * written or cached.
 */
package dev.probe.rank;
