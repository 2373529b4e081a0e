/**
 * From sentences to per-word activations: planning windows for long sentences, batching under a token budget,
 * aggregating subwords to words, and (sub-package {@code store}) the on-disk activation store later stages read.
 */
package dev.probe.activations;
