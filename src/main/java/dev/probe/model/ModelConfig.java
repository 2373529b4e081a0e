package dev.probe.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import dev.probe.io.InputFiles;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Hugging Face {@code config.json}, read once. Architectures turn it into their own typed config record; the getters
 * fail with a message naming the file and the missing or ill-typed key.
 */
public final class ModelConfig {
    private final Path file;
    private final JsonNode root;
    private final String sha256;

    private ModelConfig(Path file, JsonNode root, String sha256) {
        this.file = file;
        this.root = root;
        this.sha256 = sha256;
    }

    /** The largest {@code config.json} read: 16 MiB. */
    public static final long MAX_FILE_BYTES = 16L << 20;

    /** Reads {@code config.json}, at most {@link #MAX_FILE_BYTES}; a link to a device or a FIFO is refused. */
    public static ModelConfig read(Path file) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(file, MAX_FILE_BYTES, "a model folder needs config.json");
        try {
            JsonNode root = new ObjectMapper().readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new ProbeException(file, "not a JSON object");
            }
            return new ModelConfig(file, root, Hashes.sha256(bytes));
        } catch (JsonProcessingException e) {
            throw JsonErrors.of(file, "cannot parse config.json", e);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot parse config.json: " + e.getMessage(), e);
        }
    }

    /** The file this config came from. */
    public Path file() {
        return file;
    }

    /** SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** {@code model_type}, required. */
    public String modelType() throws ProbeException {
        return requireString("model_type");
    }

    /** A required integer. */
    public int requireInt(String key) throws ProbeException {
        JsonNode node = root.get(key);
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ProbeException(file, node == null ? "missing key '" + key + "'" : "key '" + key + "' must be an integer, found " + node);
        }
        return ConfigRanges.checkInt(file, key, node.intValue());
    }

    /** An optional integer, or {@code fallback} when the key is absent or null. */
    public int optInt(String key, int fallback) throws ProbeException {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? fallback : requireInt(key);
    }

    /** An optional number, or {@code fallback} when absent or null. */
    public double optDouble(String key, double fallback) throws ProbeException {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new ProbeException(file, "key '" + key + "' must be a number, found " + node);
        }
        return ConfigRanges.checkDouble(file, key, node.doubleValue());
    }

    /**
     * A normalisation epsilon ({@code layer_norm_eps}, {@code rms_norm_eps}, …), or {@code fallback} when absent or
     * null. A negative or non-finite epsilon is refused here: a LayerNorm would take the square root of a negative
     * variance and fill the activations with NaN.
     */
    public double optEpsilon(String key, double fallback) throws ProbeException {
        double eps = optDouble(key, fallback);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ProbeException(file, "key '" + key + "' must be a non-negative number, found " + root.get(key)
                    + " (a normalisation would divide by the square root of a negative number and give NaN)");
        }
        return eps;
    }

    /** A required string. */
    public String requireString(String key) throws ProbeException {
        JsonNode node = root.get(key);
        if (node == null || !node.isTextual()) {
            throw new ProbeException(file, node == null ? "missing key '" + key + "'" : "key '" + key + "' must be a string, found " + node);
        }
        return node.textValue();
    }

    /** An optional string, or {@code fallback} when absent or null. */
    public String optString(String key, String fallback) throws ProbeException {
        JsonNode node = root.get(key);
        return node == null || node.isNull() ? fallback : requireString(key);
    }

    /** An optional boolean, or {@code fallback} when absent or null. */
    public boolean optBoolean(String key, boolean fallback) throws ProbeException {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw new ProbeException(file, "key '" + key + "' must be true or false, found " + node);
        }
        return node.booleanValue();
    }

    /** A list of strings (e.g. {@code architectures}), or the empty list when the key is absent. */
    public java.util.List<String> optStrings(String key) throws ProbeException {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        java.util.List<String> values = new java.util.ArrayList<>();
        for (JsonNode item : node.isArray() ? node : java.util.List.of(node)) {
            if (!item.isTextual()) {
                throw new ProbeException(file, "key '" + key + "' must be a list of strings, found " + node);
            }
            values.add(item.textValue());
        }
        return java.util.List.copyOf(values);
    }

    /** Whether the key is present and not null. */
    public boolean has(String key) {
        JsonNode node = root.get(key);
        return node != null && !node.isNull();
    }
}
