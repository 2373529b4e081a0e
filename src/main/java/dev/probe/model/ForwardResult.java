package dev.probe.model;

/**
 * What one (possibly edited) forward pass gives beyond the requested layers: the model's own output.
 *
 * @param layers the requested layers' activations
 * @param output the last hidden state as the model reports it (after any final norm), row-major
 *     {@code [size, length, hidden]}
 * @param lm the language-modelling head's scores, or null when the checkpoint has no head or none was asked for
 */
public record ForwardResult(LayerOutputs layers, float[] output, LmScores lm) {
}
