package dev.probe.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports the real all-MiniLM-L6-v2 ONNX export from the langchain4j jar on the test classpath. */
class BertOnnxImporterTest {
    private static final String[] PER_LAYER = {
        "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight",
        "attention.self.key.bias", "attention.self.value.weight", "attention.self.value.bias",
        "attention.output.dense.weight", "attention.output.dense.bias", "attention.output.LayerNorm.weight",
        "attention.output.LayerNorm.bias", "intermediate.dense.weight", "intermediate.dense.bias",
        "output.dense.weight", "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias"};

    @TempDir
    static Path dir;
    static Path onnx;
    static Path tokenizer;
    static Path folder;
    static ImportResult result;
    static long importMillis;

    @BeforeAll
    static void importMiniLm() throws Exception {
        onnx = copyResource("/all-minilm-l6-v2.onnx", dir.resolve("minilm.onnx"));
        tokenizer = copyResource("/all-minilm-l6-v2-tokenizer.json", dir.resolve("tokenizer-in.json"));
        folder = dir.resolve("out/minilm");
        long start = System.nanoTime();
        result = BertOnnxImporter.importModel(onnx, tokenizer, folder, false);
        importMillis = (System.nanoTime() - start) / 1_000_000;
    }

    private static Path copyResource(String name, Path target) throws IOException {
        try (InputStream in = BertOnnxImporterTest.class.getResourceAsStream(name)) {
            assertThat(in).as("classpath resource " + name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    @Test
    void resultAndConfigDescribeMiniLm() throws IOException {
        assertThat(result).isEqualTo(new ImportResult(folder.toAbsolutePath(), 6, 384, 12, 1536, 30522));
        assertThat(importMillis).as("import time in ms").isLessThan(20_000);
        JsonNode config = new ObjectMapper().readTree(folder.resolve("config.json").toFile());
        assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertModel");
        assertThat(config.get("model_type").asText()).isEqualTo("bert");
        assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(6);
        assertThat(config.get("hidden_size").asInt()).isEqualTo(384);
        assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
        assertThat(config.get("intermediate_size").asInt()).isEqualTo(1536);
        assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);
        assertThat(config.get("max_position_embeddings").asInt()).isEqualTo(512);
        assertThat(config.get("type_vocab_size").asInt()).isEqualTo(2);
        assertThat(config.get("layer_norm_eps").asDouble()).isEqualTo(1e-12);
        assertThat(config.get("hidden_act").asText()).isEqualTo("gelu");
        assertThat(config.get("pad_token_id").asInt()).isZero();
        assertThat(config.get("position_embedding_type").asText()).isEqualTo("absolute");
        assertThat(Files.mismatch(tokenizer, folder.resolve("tokenizer.json"))).isEqualTo(-1L);
        try (var files = Files.list(folder.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("minilm"); // no temp dir left
        }
    }

    @Test
    void safetensorsHoldsExactlyTheHuggingFaceTensors() throws IOException {
        Map<String, List<Long>> shapes = safetensorsShapes(folder.resolve("model.safetensors"));
        Set<String> expected = new HashSet<>(Set.of("embeddings.word_embeddings.weight",
                "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
                "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias"));
        for (int layer = 0; layer < 6; layer++) {
            for (String suffix : PER_LAYER) {
                expected.add("encoder.layer." + layer + "." + suffix);
            }
        }
        assertThat(shapes).hasSize(101);
        assertThat(shapes.keySet()).isEqualTo(expected);
        assertThat(shapes.get("embeddings.word_embeddings.weight")).containsExactly(30522L, 384L);
        assertThat(shapes.get("embeddings.position_embeddings.weight")).containsExactly(512L, 384L);
        assertThat(shapes.get("embeddings.token_type_embeddings.weight")).containsExactly(2L, 384L);
        assertThat(shapes.get("encoder.layer.0.attention.self.query.weight")).containsExactly(384L, 384L);
        assertThat(shapes.get("encoder.layer.0.intermediate.dense.weight")).containsExactly(1536L, 384L);
        assertThat(shapes.get("encoder.layer.5.output.dense.weight")).containsExactly(384L, 1536L);
        assertThat(shapes.get("encoder.layer.5.output.LayerNorm.bias")).containsExactly(384L);
    }

    @Test
    void denseWeightsAreTheTransposedOnnxMatricesOfTheRightNodes() throws Exception {
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("import.json").toFile());
        assertThat(manifest.get("source").get("onnx_sha256").asText()).isEqualTo(Hashes.sha256(onnx));
        assertThat(manifest.get("source").get("tokenizer_sha256").asText()).isEqualTo(Hashes.sha256(tokenizer));
        assertThat(manifest.get("tool").get("name").asText()).isEqualTo("probe");
        Map<String, String> hfToOnnx = new TreeMap<>();
        manifest.get("mapping").properties().forEach(e -> hfToOnnx.put(e.getValue().asText(), e.getKey()));
        assertThat(hfToOnnx).hasSize(101);
        assertThat(manifest.get("transposed")).hasSize(36);

        // The importer ignores node names; the exporter's node names are an independent witness of each role.
        OnnxGraph graph = OnnxGraph.read(onnx);
        for (int layer = 0; layer < 6; layer++) {
            Set<String> qkv = new HashSet<>();
            for (String module : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "intermediate.dense", "output.dense")) {
                String onnxName = hfToOnnx.get("encoder.layer." + layer + "." + module + ".weight");
                assertThat(onnxName).startsWith("onnx::MatMul_");
                OnnxNode reader = graph.nodes().stream().filter(n -> n.inputs().contains(onnxName)).findFirst()
                        .orElseThrow();
                String path = "/encoder/layer." + layer + "/" + module.replace('.', '/') + "/MatMul";
                assertThat(reader.name()).as(module).isEqualTo(path);
                if (module.startsWith("attention.self")) {
                    qkv.add(onnxName);
                }
            }
            assertThat(qkv).hasSize(3);
        }

        // the stored HF matrix is the transpose of the ONNX [in, out] initializer
        String name = hfToOnnx.get("encoder.layer.0.intermediate.dense.weight");
        float[] onnxData = graph.initializers().get(name).floats(); // [384, 1536]
        Map<String, List<Long>> shapes = safetensorsShapes(folder.resolve("model.safetensors"));
        assertThat(shapes.get("encoder.layer.0.intermediate.dense.weight")).containsExactly(1536L, 384L);
        float[] hf = readF32(folder.resolve("model.safetensors"), "encoder.layer.0.intermediate.dense.weight");
        for (int[] ij : new int[][] {{0, 0}, {1, 2}, {1535, 383}, {700, 17}}) {
            assertThat(hf[ij[0] * 384 + ij[1]]).isEqualTo(onnxData[ij[1] * 1536 + ij[0]]);
        }
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path existing = dir.resolve("existing");
        Files.createDirectories(existing);
        Files.writeString(existing.resolve("keep.txt"), "keep");
        assertThatThrownBy(() -> BertOnnxImporter.importModel(onnx, tokenizer, existing, false))
                .isInstanceOf(ProbeException.class).hasMessageContaining(existing.toString())
                .hasMessageContaining("already exists");
        assertThat(existing.resolve("keep.txt")).hasContent("keep");

        assertThatThrownBy(() -> BertOnnxImporter.importModel(onnx, tokenizer, existing, true))
                .isInstanceOf(ProbeException.class).hasMessageContaining(existing.toString())
                .hasMessageContaining("is not an imported model folder written by probe");
        assertThat(existing.resolve("keep.txt")).hasContent("keep");

        Path imported = dir.resolve("imported");
        BertOnnxImporter.importModel(onnx, tokenizer, imported, false);
        Files.writeString(imported.resolve("stale.txt"), "stale");
        ImportResult forced = BertOnnxImporter.importModel(onnx, tokenizer, imported, true);
        assertThat(forced.layers()).isEqualTo(6);
        assertThat(imported.resolve("stale.txt")).doesNotExist();
        assertThat(imported.resolve("model.safetensors")).exists();
    }

    @Test
    void aTruncatedOnnxFileIsReportedByName() throws Exception {
        Path truncated = dir.resolve("truncated.onnx");
        try (FileChannel in = FileChannel.open(onnx); FileChannel out = FileChannel.open(truncated,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, in.size() / 2, out);
        }
        Path target = dir.resolve("from-truncated");
        assertThatThrownBy(() -> BertOnnxImporter.importModel(truncated, tokenizer, target, false))
                .isInstanceOf(ProbeException.class).hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated");
        assertThat(target).doesNotExist();
    }

    /** The tensor shapes from a safetensors header, parsed here independently of the writer. */
    static Map<String, List<Long>> safetensorsShapes(Path file) throws IOException {
        Map<String, List<Long>> shapes = new TreeMap<>();
        header(file).properties().forEach(e -> {
            if (!e.getKey().equals("__metadata__")) {
                List<Long> shape = new ArrayList<>();
                e.getValue().get("shape").forEach(d -> shape.add(d.asLong()));
                shapes.put(e.getKey(), shape);
            }
        });
        return shapes;
    }

    private static JsonNode header(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            ByteBuffer header = ByteBuffer.allocate((int) length.getLong(0));
            channel.read(header, 8);
            return new ObjectMapper().readTree(new String(header.array(), StandardCharsets.UTF_8));
        }
    }

    private static float[] readF32(Path file, String name) throws IOException {
        JsonNode header = header(file);
        long dataStart;
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(length, 0);
            dataStart = 8 + length.getLong(0);
            long begin = header.get(name).get("data_offsets").get(0).asLong();
            long end = header.get(name).get("data_offsets").get(1).asLong();
            ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(data, dataStart + begin);
            float[] out = new float[data.capacity() / 4];
            data.flip().asFloatBuffer().get(out);
            return out;
        }
    }
}
