package dev.probe.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import dev.probe.testing.FixtureBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder loads the same model, bit for bit, from every checkpoint layout: {@code pytorch_model.bin} (plain and
 * with strided tensors), safetensors and torch shards with their index, and a Hugging Face hub cache folder whose
 * files are symbolic links into {@code blobs/}. The reference is the BERT golden fixture's {@code model.safetensors}.
 */
class CheckpointFormatsTest {
    private static final String WORDS = "embeddings.word_embeddings.weight";

    @TempDir
    Path tmp;

    private static Path resource(String name) throws Exception {
        return Path.of(CheckpointFormatsTest.class.getResource(name).toURI());
    }

    private static Path fixture() throws Exception {
        return resource("/fixtures/bert");
    }

    /** A folder with the fixture's config.json and the given files (name → source). */
    private Path folder(String name, Map<String, Path> files) throws Exception {
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.copy(fixture().resolve("config.json"), folder.resolve("config.json"));
        for (Map.Entry<String, Path> f : files.entrySet()) {
            Files.copy(f.getValue(), folder.resolve(f.getKey()));
        }
        return folder;
    }

    /** Every hidden state of {@code folder}'s model equals the fixture's safetensors model's, bit for bit. */
    private static void assertSameForward(Path folder) throws Exception {
        TokenBatch batch = FixtureBatch.read(fixture());
        try (Transformer reference = Architectures.loadFolder(fixture());
                Transformer model = Architectures.loadFolder(folder)) {
            List<Integer> layers = reference.info().availableLayers(ProbePoint.HIDDEN);
            LayerOutputs expected = reference.forward(batch, ProbePoint.HIDDEN, layers);
            LayerOutputs actual = model.forward(batch, ProbePoint.HIDDEN, layers);
            assertThat(actual.layers()).isEqualTo(expected.layers());
            for (int i = 0; i < layers.size(); i++) {
                assertThat(actual.values().get(i)).as("layer %d", layers.get(i))
                        .containsExactly(expected.values().get(i));
            }
        }
    }

    private static ProbeException loadFails(Path folder) {
        Throwable thrown = catchThrowable(() -> Architectures.loadFolder(folder).close());
        assertThat(thrown).isInstanceOf(ProbeException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return (ProbeException) thrown;
    }

    @Test
    void folderWithOnlyPytorchModelBinLoadsTheSameModel() throws Exception {
        assertSameForward(folder("bin", Map.of("pytorch_model.bin", resource("/checkpoints/bert-zip.bin"))));
    }

    @Test
    void stridedTorchTensorsLoadTheSameModel() throws Exception {
        assertSameForward(folder("strided", Map.of("pytorch_model.bin", resource("/checkpoints/bert-strided.bin"))));
    }

    @Test
    void folderWithoutCheckpointNamesBothFiles() throws Exception {
        Path folder = folder("none", Map.of());
        assertThat(loadFails(folder).getMessage()).contains(folder.toString()).contains("model.safetensors")
                .contains("pytorch_model.bin");
    }

    @Test
    void legacyPytorchModelBinIsRefused() throws Exception {
        Path folder = folder("legacy", Map.of("pytorch_model.bin", resource("/checkpoints/bert-legacy.bin")));
        assertThat(loadFails(folder).getMessage()).contains("pytorch_model.bin").contains("legacy");
    }

    @Test
    void safetensorsShardsLoadTheSameModel() throws Exception {
        Path folder = folder("shards", Map.of());
        writeShards(folder, Map.of());
        assertSameForward(folder);
    }

    @Test
    void torchShardsLoadTheSameModel() throws Exception {
        Path folder = folder("torch-shards", Map.of("pytorch_model-00001-of-00001.bin",
                resource("/checkpoints/bert-zip.bin")));
        StringBuilder map = new StringBuilder();
        try (SafetensorsReader st = SafetensorsReader.open(fixture().resolve("model.safetensors"))) {
            for (String name : st.names()) {
                map.append(map.length() == 0 ? "" : ", ").append('"').append(name)
                        .append("\": \"pytorch_model-00001-of-00001.bin\"");
            }
        }
        Files.writeString(folder.resolve("pytorch_model.bin.index.json"),
                "{\"metadata\": {\"total_size\": 1}, \"weight_map\": {" + map + "}}");
        assertSameForward(folder);
    }

    @Test
    void indexNamingAMissingShardIsAnErrorNamingTheIndex() throws Exception {
        Path folder = folder("missing-shard", Map.of());
        writeShards(folder, Map.of(WORDS, "model-00003-of-00002.safetensors"));
        assertThat(loadFails(folder).getMessage()).contains("model.safetensors.index.json")
                .contains("model-00003-of-00002.safetensors");
    }

    @Test
    void indexPuttingATensorInTheWrongShardIsAnErrorNamingTheIndex() throws Exception {
        Path folder = folder("wrong-shard", Map.of());
        writeShards(folder, Map.of(WORDS, "model-00002-of-00002.safetensors"));
        assertThat(loadFails(folder).getMessage()).contains("model.safetensors.index.json").contains("'" + WORDS + "'")
                .contains("does not hold it");
    }

    @Test
    void indexNamingAFileOutsideItsFolderIsRefused() throws Exception {
        Path folder = folder("escape", Map.of());
        writeShards(folder, Map.of(WORDS, "../model.safetensors"));
        assertThat(loadFails(folder).getMessage()).contains("model.safetensors.index.json")
                .contains("must name a file beside the index");
    }

    @Test
    void shardedWeightsDigestIsTheDigestOfTheIndexAndShardDigests() throws Exception {
        Path folder = folder("digest", Map.of());
        writeShards(folder, Map.of());
        String expected = Hashes.sha256((Hashes.sha256(folder.resolve("model.safetensors.index.json"))
                + "  model.safetensors.index.json\n" + Hashes.sha256(folder.resolve("model-00001-of-00002.safetensors"))
                + "  model-00001-of-00002.safetensors\n" + Hashes.sha256(folder.resolve(
                        "model-00002-of-00002.safetensors")) + "  model-00002-of-00002.safetensors\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(new ModelRepository(tmp.resolve("home")).weightsSha256(folder)).isEqualTo(expected);
    }

    /**
     * Splits the fixture's tensors alternately into two safetensors shards and writes their index; {@code lies}
     * overrides index entries (tensor → shard file) to make it wrong.
     */
    private static void writeShards(Path folder, Map<String, String> lies) throws Exception {
        List<SortedMap<String, FloatTensor>> shards = List.of(new TreeMap<>(), new TreeMap<>());
        Map<String, String> weightMap = new LinkedHashMap<>();
        try (SafetensorsReader st = SafetensorsReader.open(fixture().resolve("model.safetensors"))) {
            int i = 0;
            for (String name : st.names()) {
                shards.get(i % 2).put(name, new FloatTensor(st.shape(name), st.readFloats(name)));
                weightMap.put(name, "model-0000" + (i % 2 + 1) + "-of-00002.safetensors");
                i++;
            }
        }
        // the word embeddings go to the first shard; a lie sends the index elsewhere
        assertThat(weightMap.get(WORDS)).isEqualTo("model-00001-of-00002.safetensors");
        for (int s = 0; s < 2; s++) {
            SafetensorsWriter.write(folder.resolve("model-0000" + (s + 1) + "-of-00002.safetensors"), shards.get(s),
                    Map.of("format", "pt"));
        }
        weightMap.putAll(lies);
        List<String> entries = new ArrayList<>();
        weightMap.forEach((k, v) -> entries.add("\"" + k + "\": \"" + v + "\""));
        Files.writeString(folder.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 0}, \"weight_map\": {" + String.join(", ", entries) + "}}");
    }

    // ------------------------------------------------------------------ Hugging Face hub cache folders

    /** models--org--tiny with blobs, snapshots/{hashes} of links into blobs, and refs/main when {@code ref} is set. */
    private Path hubRepo(String ref, String... snapshots) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("hub/models--org--tiny"));
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Map<String, String> blobOf = new LinkedHashMap<>();
        for (String name : List.of("config.json", "model.safetensors")) {
            String sha = Hashes.sha256(fixture().resolve(name));
            Files.copy(fixture().resolve(name), blobs.resolve(sha));
            blobOf.put(name, sha);
        }
        for (String hash : snapshots) {
            Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(hash));
            for (Map.Entry<String, String> b : blobOf.entrySet()) {
                Files.createSymbolicLink(snapshot.resolve(b.getKey()), Path.of("../../blobs", b.getValue()));
            }
        }
        if (ref != null) {
            Files.createDirectories(repo.resolve("refs"));
            Files.writeString(repo.resolve("refs/main"), ref);
        }
        return repo;
    }

    @Test
    void hubCacheFolderLoadsTheSnapshotRefsMainNames() throws Exception {
        Path repo = hubRepo("bbb222", "aaa111", "bbb222");
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));

        Path folder = repository.modelPath(repo.toString());

        assertThat(folder).isEqualTo(repo.resolve("snapshots/bbb222"));
        assertThat(Files.isSymbolicLink(folder.resolve("model.safetensors"))).isTrue();
        assertSameForward(folder);
        // the digest describes the blob the link points to
        assertThat(repository.weightsSha256(folder)).isEqualTo(Hashes.sha256(fixture().resolve("model.safetensors")));
    }

    @Test
    void hubCacheFolderWithOneSnapshotAndNoRefLoadsIt() throws Exception {
        Path repo = hubRepo(null, "ccc333");
        assertThat(new ModelRepository(tmp.resolve("home")).modelPath(repo.toString()))
                .isEqualTo(repo.resolve("snapshots/ccc333"));
    }

    @Test
    void hubCacheFolderWithSeveralSnapshotsAndNoRefListsThem() throws Exception {
        Path repo = hubRepo(null, "aaa111", "bbb222");
        Throwable e = catchThrowable(() -> new ModelRepository(tmp.resolve("home")).modelPath(repo.toString()));
        assertThat(e).isInstanceOf(ProbeException.class).hasMessageContaining(repo.toString())
                .hasMessageContaining("aaa111, bbb222").hasMessageContaining("refs/main");
    }

    @Test
    void refsMainNamingNoSnapshotIsAnErrorNamingIt() throws Exception {
        Path repo = hubRepo("fff999", "aaa111");
        Throwable e = catchThrowable(() -> new ModelRepository(tmp.resolve("home")).modelPath(repo.toString()));
        assertThat(e).isInstanceOf(ProbeException.class).hasMessageContaining(repo.resolve("refs/main").toString())
                .hasMessageContaining("fff999");
    }
}
