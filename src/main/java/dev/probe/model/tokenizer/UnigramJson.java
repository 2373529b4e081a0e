package dev.probe.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import java.nio.file.Path;

/** Builds the Hugging Face {@code tokenizer.json} of a SentencePiece Unigram {@code spiece.model}. */
public final class UnigramJson {
    private UnigramJson() {
    }

    /**
     * The tokenizer of a {@code spiece.model}.
     *
     * @throws ProbeException naming the model file
     */
    public static ObjectNode build(Path spieceModel, JsonNode config) throws ProbeException {
        throw new ProbeException(spieceModel, "spiece.model is not supported yet: add a tokenizer.json");
    }
}
