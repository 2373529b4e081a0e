/**
 * One neuron in context (Durrani et al. 2020; NeuroX): {@link dev.probe.atlas.NeuronProfiler} reads a store's rows
 * once for any number of neurons and computes each one's {@link dev.probe.atlas.NeuronProfile} (statistics, top and
 * quantile contexts, the activation histogram per class, signed top words and a heat-map of a few sentences);
 * {@link dev.probe.atlas.NeuronPages} writes a page per neuron and {@code neurons.json} into a folder.
 */
package dev.probe.atlas;
