package dev.probe.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Small corpora and configurations for the pipeline tests. */
final class TestCorpora {
    static final Path EWT_TRAIN = Path.of("data-samples/ud-ewt/en_ewt-ud-train.sample.conllu");
    static final Path EWT_DEV = Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu");

    private TestCorpora() {
    }

    /** Sentences {@code from} (inclusive) to {@code to} (exclusive) of a CoNLL-U file, written to {@code out}. */
    static Path conlluSlice(Path source, int from, int to, Path out) throws IOException {
        List<String> kept = new ArrayList<>();
        int sentence = 0;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (sentence >= from && sentence < to) {
                kept.add(line);
            }
            if (line.isBlank()) {
                sentence++;
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, kept, StandardCharsets.UTF_8);
        return out;
    }

    /**
     * A Hugging Face folder with a {@code config.json} of two blocks and placeholder {@code model.safetensors} and
     * {@code tokenizer.json} files: enough for fingerprints (and their digests), not to load.
     */
    static Path fakeModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"),
                "{\"model_type\": \"bert\", \"num_hidden_layers\": 2, \"hidden_size\": 4}\n");
        Files.writeString(dir.resolve("model.safetensors"), "fake weights\n");
        Files.writeString(dir.resolve("tokenizer.json"), "{\"fake\": \"tokenizer\"}\n");
        return dir;
    }

    /** Writes {@code text} as {@code dir/name}. */
    static Path write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
