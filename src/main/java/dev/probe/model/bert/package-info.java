/**
 * BERT ({@code model_type: bert}; also MiniLM, BGE, E5): absolute position embeddings, post-LayerNorm blocks, exact GELU.
 * Its embedding and block classes are reused by the BERT-like architectures.
 */
package dev.probe.model.bert;
