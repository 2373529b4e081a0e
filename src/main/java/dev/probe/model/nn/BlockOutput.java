package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * What one transformer block gives: its output hidden state {@code [batch, seq, hidden]} and its FFN neurons
 * {@code [batch, seq, ffn]} (the post-activation input of the FFN output projection).
 *
 * @param hidden the block output
 * @param ffn the FFN activations
 */
public record BlockOutput(NDArray hidden, NDArray ffn) {
}
