/**
 * RoBERTa ({@code model_type: roberta}, and the same code for {@code xlm-roberta} and {@code camembert}): BERT blocks
 * with position ids derived from the token ids ({@code pad_token_id + 1, +2, …} for real tokens).
 */
package dev.probe.model.roberta;
