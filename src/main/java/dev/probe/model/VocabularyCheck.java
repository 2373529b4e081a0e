package dev.probe.model;

import dev.probe.ProbeException;

/**
 * Checks, when a model folder is loaded, that every id its tokenizer can produce fits the model's tables: token ids
 * (vocabulary, added and special tokens) and the padding id below {@code vocab_size}, token type ids below
 * {@code type_vocab_size}. A mismatch would otherwise surface deep in a forward pass as an engine error.
 */
final class VocabularyCheck {
    private VocabularyCheck() {
    }

    /**
     * @throws ProbeException naming the tokenizer or {@code config.json} when an id falls outside the model's tables
     */
    static void check(ModelConfig config, WordTokenizer tokenizer, long padId) throws ProbeException {
        if (!config.has("vocab_size")) {
            return;
        }
        long vocab = config.requireInt("vocab_size");
        long maxId = tokenizer.maxTokenId();
        WordTokenizer.Template t = tokenizer.template();
        for (long[] ids : new long[][] {t.prefixIds(), t.suffixIds()}) {
            for (long id : ids) {
                maxId = Math.max(maxId, id);
            }
        }
        if (maxId >= vocab) {
            throw new ProbeException(tokenizer.file(), "has token id " + maxId + " but the model's vocab_size is "
                    + vocab + " (" + config.file() + "): tokenizer and model do not belong together");
        }
        if (padId < 0 || padId >= vocab) {
            throw new ProbeException(config.file(), "pad_token_id " + padId + " is outside the vocabulary of "
                    + vocab + " tokens");
        }
        if (config.has("type_vocab_size")) {
            long types = config.requireInt("type_vocab_size");
            long maxType = t.contentType();
            for (long[] ids : new long[][] {t.prefixTypes(), t.suffixTypes()}) {
                for (long id : ids) {
                    maxType = Math.max(maxType, id);
                }
            }
            if (maxType >= types) {
                throw new ProbeException(tokenizer.file(), "assigns token type " + maxType + " but the model's"
                        + " type_vocab_size is " + types + " (" + config.file() + ")");
            }
        }
    }
}
