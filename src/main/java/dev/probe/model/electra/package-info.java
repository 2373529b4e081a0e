/**
 * ELECTRA ({@code model_type: electra}): BERT blocks after embeddings of width {@code embedding_size}, projected to
 * {@code hidden_size} by {@code embeddings_project} when the two differ.
 */
package dev.probe.model.electra;
