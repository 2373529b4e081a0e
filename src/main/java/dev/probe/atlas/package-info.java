/**
 * The neuron atlas: what single neurons of an activation store respond to. {@link dev.probe.atlas.NeuronProfiler}
 * reads a store's rows once for any number of neurons and computes each one's {@link dev.probe.atlas.NeuronProfile}
 * (statistics, top and quantile contexts, the activation histogram per class, signed top words and a heat-map of a few
 * sentences; Durrani et al. 2020, NeuroX). {@link dev.probe.atlas.Census} is the per-layer census of dead neurons,
 * token and n-gram detectors and positional neurons (Voita et al. 2023, "Neurons in Large Language Models: Dead,
 * N-gram, Positional"), computed by {@link dev.probe.atlas.CensusComputation} from one streaming pass of mergeable sums
 * ({@link dev.probe.atlas.CensusStatistics}) over word groups made by a first pass over {@code tokens.tsv}
 * ({@link dev.probe.atlas.WordGroups}).
 */
package dev.probe.atlas;
