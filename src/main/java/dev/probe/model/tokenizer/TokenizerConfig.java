package dev.probe.model.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.InputFiles;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the options of a Hugging Face {@code tokenizer_config.json}, when a folder has one. */
public final class TokenizerConfig {
    /** The file name. */
    public static final String FILE_NAME = "tokenizer_config.json";

    private TokenizerConfig() {
    }

    /**
     * The folder's {@code tokenizer_config.json} as a JSON object, or an empty object when there is none.
     *
     * @throws ProbeException naming the file when it is not a JSON object
     */
    public static JsonNode read(Path folder) throws ProbeException {
        Path file = folder.resolve(FILE_NAME);
        ObjectMapper json = new ObjectMapper();
        if (!Files.exists(file)) {
            return json.createObjectNode();
        }
        byte[] bytes = InputFiles.readSmall(file, 16L << 20, "a tokenizer_config.json");
        try {
            JsonNode root = json.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ProbeException(file, "not a valid tokenizer_config.json: not a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "not a valid tokenizer_config.json", e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A special token the config names ({@code "[UNK]"} or {@code {"content": "[UNK]", …}}), or the default.
     */
    static String special(JsonNode config, String key, String fallback) {
        JsonNode value = config.path(key);
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isObject() && value.path("content").isTextual()) {
            return value.path("content").textValue();
        }
        return fallback;
    }
}
