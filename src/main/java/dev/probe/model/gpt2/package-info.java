/**
 * GPT-2 ({@code model_type: gpt2}): pre-LayerNorm causal decoder with {@code Conv1D} ({@code [in, out]}) weights,
 * learned positions and {@code gelu_new}; the last hidden state is reported after the final LayerNorm.
 */
package dev.probe.model.gpt2;
