package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.ProbeException;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken model folder fails to load with one {@link ProbeException} line that says what is wrong: the folders are
 * copies of golden fixtures with {@code config.json} or {@code model.safetensors} edited.
 */
class ModelErrorsTest {
    @TempDir
    Path dir;

    @Test
    void unsupportedModelTypeNamesTheTypeAndTheSupportedList() throws Exception {
        Path folder = copyFixture("bert");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(folder.resolve("config.json").toFile());
        config.put("model_type", "t5");
        json.writeValue(folder.resolve("config.json").toFile(), config);

        ProbeException e = loadFails(folder);

        assertThat(e.getMessage()).contains("config.json").contains("unsupported model_type 't5'")
                .contains("supported: ");
        for (Architectures.Architecture a : Architectures.supported()) {
            assertThat(e.getMessage()).contains(a.modelType());
        }
    }

    @Test
    void missingTensorIsNamed() throws Exception {
        Path folder = copyFixture("llama");
        rewriteCheckpoint(folder, tensors -> {
            tensors.remove("layers.1.mlp.up_proj.weight");
            return tensors;
        });

        ProbeException e = loadFails(folder);

        assertThat(e.getMessage()).contains("model.safetensors")
                .contains("missing the required tensor 'layers.1.mlp.up_proj.weight'");
    }

    @Test
    void misShapedTensorIsNamedWithBothShapes() throws Exception {
        // GPT-2's Conv1D stores c_attn as [in, out] = [32, 96]; a transposed copy is [96, 32].
        Path folder = copyFixture("gpt2");
        rewriteCheckpoint(folder, tensors -> {
            FloatTensor attn = tensors.get("h.0.attn.c_attn.weight");
            tensors.put("h.0.attn.c_attn.weight", new FloatTensor(new long[] {96, 32}, attn.data()));
            return tensors;
        });

        ProbeException e = loadFails(folder);

        assertThat(e.getMessage()).contains("tensor 'h.0.attn.c_attn.weight'").contains("[96, 32]")
                .contains("expected [32, 96]");
    }

    @Test
    void unsupportedConfigOptionIsNamed() throws Exception {
        Path folder = copyFixture("xlnet");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(folder.resolve("config.json").toFile());
        config.put("attn_type", "uni");
        json.writeValue(folder.resolve("config.json").toFile(), config);

        assertThat(loadFails(folder).getMessage()).contains("config.json").contains("attn_type 'uni'");
    }

    private static ProbeException loadFails(Path folder) {
        Throwable thrown = catchThrowable(() -> Architectures.loadFolder(folder).close());
        assertThat(thrown).isInstanceOf(ProbeException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return (ProbeException) thrown;
    }

    /** Copies the files a model folder needs from a test fixture into the temporary directory. */
    private Path copyFixture(String name) throws IOException, URISyntaxException {
        Path source = Path.of(ModelErrorsTest.class.getResource("/fixtures/" + name).toURI());
        Path target = Files.createDirectories(dir.resolve(name));
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        return target;
    }

    /** Reads every tensor of the folder's checkpoint, applies the edit and writes the result back. */
    private static void rewriteCheckpoint(Path folder, UnaryOperator<SortedMap<String, FloatTensor>> edit)
            throws Exception {
        Path file = folder.resolve("model.safetensors");
        SortedMap<String, FloatTensor> tensors = new TreeMap<>();
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            for (SafetensorsReader.TensorInfo info : reader.tensors().values()) {
                tensors.put(info.name(), new FloatTensor(info.shape(), reader.readFloats(info.name())));
            }
        }
        SafetensorsWriter.write(file, edit.apply(tensors), Map.of());
    }
}
