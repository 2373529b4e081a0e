/**
 * The neuron atlas: descriptive statistics of every neuron of an activation store. {@link dev.probe.atlas.Census} is
 * the per-layer census of dead neurons, token and n-gram detectors and positional neurons (Voita et al. 2023, "Neurons
 * in Large Language Models: Dead, N-gram, Positional"), computed by {@link dev.probe.atlas.CensusComputation} from one
 * streaming pass of mergeable sums ({@link dev.probe.atlas.CensusStatistics}) over word groups made by a first pass over
 * {@code tokens.tsv} ({@link dev.probe.atlas.WordGroups}).
 */
package dev.probe.atlas;
