/**
 * LLaMA-style decoders ({@code model_type: llama}, {@code mistral}, {@code qwen2}): RMSNorm, rotary positions
 * (rotate_half), grouped-query causal attention and a SwiGLU MLP; the last hidden state is reported after the final
 * norm.
 */
package dev.probe.model.llama;
