/**
 * Tokenizers built from what a checkpoint ships when it has no {@code tokenizer.json}: a BERT {@code vocab.txt} or a
 * SentencePiece {@code spiece.model}, turned into the Hugging Face {@code tokenizer.json} that DJL then opens.
 */
package dev.probe.model.tokenizer;
