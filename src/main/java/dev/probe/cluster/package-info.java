/**
 * Correlation clustering of neurons (Dalvi et al., EMNLP 2020; NeuroX {@code interpretation/clustering.py}): groups of
 * neurons that fire alike, one representative per group. {@link dev.probe.cluster.CorrelationStatistics} are the
 * mergeable one-pass statistics of the correlation matrix, {@link dev.probe.cluster.NeuronClustering} the clustering
 * on Smile's hierarchical clustering, and {@link dev.probe.cluster.ClusterStage} the {@code probe cluster} stage that
 * streams a store and writes {@code clusters.json}.
 */
package dev.probe.cluster;
