/**
 * DistilBERT ({@code model_type: distilbert}): BERT's block maths under DistilBERT's parameter and config names, no
 * token types, LayerNorm epsilon fixed at 1e-12.
 */
package dev.probe.model.distilbert;
