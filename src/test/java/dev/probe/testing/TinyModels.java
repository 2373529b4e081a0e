package dev.probe.testing;

import dev.probe.ProbeException;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Tiny Hugging Face model folders for tests that run a whole extraction: the golden BERT fixture of the test resources
 * (2 layers, hidden 32, vocabulary 1000) with the hand-made byte-level BPE tokenizer {@code byte-bpe-roberta.json}
 * (ids below 270, so every id fits the vocabulary). With that tokenizer each word is a space token {@code Ġ} followed
 * by one token per byte ({@code z} = id 122), except for the few merges listed in the tokenizers' README.
 */
public final class TinyModels {
    private static final Path FIXTURE = Path.of("src/test/resources/fixtures/bert");
    private static final Path TOKENIZER = Path.of("src/test/resources/tokenizers/byte-bpe-roberta.json");

    private TinyModels() {
    }

    /** A copy of the fixture in {@code folder}. */
    public static Path bert(Path folder) throws IOException {
        return bert(folder, (name, data) -> { });
    }

    /**
     * A copy of the fixture in {@code folder} whose tensors were first passed to {@code edit} (name, values; changes
     * to the array are written).
     */
    public static Path bert(Path folder, BiConsumer<String, float[]> edit) throws IOException {
        Files.createDirectories(folder);
        Files.copy(FIXTURE.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(TOKENIZER, folder.resolve("tokenizer.json"));
        SortedMap<String, FloatTensor> tensors = new TreeMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(FIXTURE.resolve("model.safetensors"))) {
            for (Map.Entry<String, SafetensorsReader.TensorInfo> t : reader.tensors().entrySet()) {
                float[] data = reader.readFloats(t.getKey());
                edit.accept(t.getKey(), data);
                tensors.put(t.getKey(), new FloatTensor(t.getValue().shape(), data));
            }
        } catch (ProbeException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
        SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, Map.of());
        return folder;
    }
}
