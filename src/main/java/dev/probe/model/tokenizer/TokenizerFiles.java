package dev.probe.model.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import dev.probe.io.InputFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds a model folder's {@code tokenizer.json}, building it when the checkpoint ships only a BERT {@code vocab.txt}
 * ({@link WordPieceJson}) or a SentencePiece {@code spiece.model} ({@link UnigramJson}), each with its optional
 * {@code tokenizer_config.json}. A built tokenizer is saved once and then opened by DJL like any {@code
 * tokenizer.json}, so its SHA-256 is what provenance records: beside the checkpoint when the folder is the tool's own
 * cache, else in {@code <cache>/<sha256 of the inputs>/tokenizer.json}, never in a user's folder.
 */
public final class TokenizerFiles {
    /** Bumped when a builder's output changes, so that older built files are not reused. */
    private static final String BUILDER_VERSION = "1";

    private TokenizerFiles() {
    }

    /** Whether a folder has a {@code tokenizer.json}, a {@code vocab.txt} or a {@code spiece.model}. */
    public static boolean present(Path folder) {
        return Files.exists(folder.resolve("tokenizer.json")) || Files.isRegularFile(folder.resolve("vocab.txt"))
                || Files.isRegularFile(folder.resolve("spiece.model"));
    }

    /**
     * The {@code tokenizer.json} for a model folder.
     *
     * @param folder the model folder
     * @param ownCache whether the folder is the tool's own (then a built tokenizer is written into it)
     * @param cache where tokenizers built for other folders go
     * @throws ProbeException naming the folder when it has none of {@code tokenizer.json}, {@code vocab.txt} and
     *     {@code spiece.model}, or naming the input that cannot be converted
     */
    public static Path find(Path folder, boolean ownCache, Path cache) throws ProbeException {
        Path json = folder.resolve("tokenizer.json");
        if (Files.exists(json)) {
            return json;
        }
        Path vocab = folder.resolve("vocab.txt");
        Path spiece = folder.resolve("spiece.model");
        Path input = Files.isRegularFile(vocab) ? vocab : Files.isRegularFile(spiece) ? spiece : null;
        if (input == null) {
            throw new ProbeException(folder, "no tokenizer: the folder has none of tokenizer.json, vocab.txt and"
                    + " spiece.model");
        }
        JsonNode config = TokenizerConfig.read(folder);
        String key = key(input, config);
        Path target = ownCache ? json : cache.resolve(key).resolve("tokenizer.json");
        if (!ownCache && Files.isRegularFile(target)) {
            return target;
        }
        ObjectNode built = input == vocab ? WordPieceJson.build(vocab, config) : UnigramJson.build(spiece, config);
        write(target, built);
        return target;
    }

    /** The SHA-256 of the builder version, the input's bytes and the config: the cache key of a built file. */
    private static String key(Path input, JsonNode config) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(input, WordPieceJson.MAX_VOCAB_BYTES, "a tokenizer input");
        String line = BUILDER_VERSION + " " + input.getFileName() + " " + Hashes.sha256(bytes) + " "
                + Hashes.sha256(config.toString().getBytes(StandardCharsets.UTF_8));
        return Hashes.sha256(line.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(Path target, ObjectNode tokenizer) throws ProbeException {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".tokenizer", ".tmp");
            try {
                Files.write(tmp, new ObjectMapper().writeValueAsBytes(tokenizer));
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new ProbeException(target, "cannot write the built tokenizer: " + e.getMessage(), e);
        }
    }
}
