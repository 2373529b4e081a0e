/**
 * Neuron rankings and the analysis built on them. A {@link dev.probe.rank.Ranker} orders the neurons, one per
 * {@link dev.probe.rank.RankMethod} (docs/rankers.md): {@link dev.probe.rank.LcaRanker}, the global weight-mass
 * ordering of the oracle probe with its cutoffs ({@link dev.probe.rank.WeightRankings}), after Dalvi et al. (AAAI
 * 2019) and Durrani et al. (EMNLP 2020) as implemented in NeuroX's {@code interpretation/linear_probe.py};
 * {@link dev.probe.rank.ProbeWeightRanker} (lasso, ridge, noreg); {@link dev.probe.rank.StatisticRanker} over the
 * mergeable per-class statistics of {@code dev.probe.rank.stats}; and {@link dev.probe.rank.GaussianRanker}.
 * {@link dev.probe.rank.RankerBenchmark} compares methods. {@link dev.probe.rank.RankJob} runs the analysis of
 * one model × task: the λ grid, the minimal neuron set, top/random/bottom sets, and the measures that compare sets:
 * Jaccard overlap ({@link dev.probe.rank.Jaccard}) and how a set spreads over the layers
 * ({@link dev.probe.rank.LayerDistribution}).
 *
 * <p>The functions of {@code WeightRankings}, {@code Jaccard} and {@code LayerDistribution} are pure: weights arrive as
 * {@code float[classes][neurons]} (row = class, column = neuron, the layout of a linear probe's weight matrix), neuron
 * sets leave as {@code int[]} of neuron ids, and nothing is read, written or cached.
 */
package dev.probe.rank;
