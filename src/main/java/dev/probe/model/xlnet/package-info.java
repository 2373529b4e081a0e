/**
 * XLNet ({@code model_type: xlnet}): the content stream of bidirectional two-stream relative attention with segment
 * bias, no memory; hidden states in batch-first layout.
 */
package dev.probe.model.xlnet;
