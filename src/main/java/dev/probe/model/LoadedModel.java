package dev.probe.model;

/**
 * A transformer, its tokenizer and where they came from; closing it frees both.
 *
 * @param transformer the network
 * @param tokenizer its word-aligned tokenizer
 * @param source provenance of the model
 */
public record LoadedModel(Transformer transformer, WordTokenizer tokenizer, ModelSource source)
        implements AutoCloseable {

    @Override
    public void close() {
        try (tokenizer) {
            transformer.close();
        }
    }
}
