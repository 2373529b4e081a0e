package dev.probe.model;

import dev.probe.io.Hashes;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.SafetensorsWriter;
import dev.probe.model.checkpoint.TorchPickles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden test ({@link GoldenFixturesTest#check}) on every fixture architecture loaded from the other checkpoint
 * layouts: {@code pytorch_model.bin} (a zip-format {@code torch.save} state dict), a 2-shard safetensors index, and a
 * Hugging Face hub cache repo folder ({@code refs/main}, snapshot links into {@code blobs/}).
 */
class FixtureFormatsTest {
    private static final List<String> INPUTS = List.of("input_ids.npy", "attention_mask.npy", "token_type_ids.npy");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyFixtureInEveryLayout() throws IOException, URISyntaxException {
        Path root = Path.of(FixtureFormatsTest.class.getResource("/fixtures").toURI());
        List<Path> fixtures;
        try (Stream<Path> children = Files.list(root)) {
            fixtures = children.filter(p -> Files.exists(p.resolve("config.json"))).sorted().toList();
        }
        return fixtures.stream().flatMap(f -> Stream.of(
                DynamicTest.dynamicTest(f.getFileName() + " from pytorch_model.bin", () -> GoldenFixturesTest.check(
                        torchBin(f))),
                DynamicTest.dynamicTest(f.getFileName() + " from 2 safetensors shards", () -> GoldenFixturesTest.check(
                        shards(f))),
                DynamicTest.dynamicTest(f.getFileName() + " from a hub cache folder", () -> GoldenFixturesTest.check(
                        new ModelRepository(tmp.resolve("home")).modelPath(hub(f).toString())))));
    }

    /** A folder with the fixture's config.json, expected outputs and inputs, without its checkpoint. */
    private Path base(Path fixture, String kind) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve(fixture.getFileName() + "-" + kind));
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("model.safetensors")) {
                    Files.copy(f, folder.resolve(f.getFileName()));
                }
            }
        }
        return folder;
    }

    private static SortedMap<String, FloatTensor> tensors(Path fixture) throws Exception {
        SortedMap<String, FloatTensor> tensors = new TreeMap<>();
        try (SafetensorsReader st = SafetensorsReader.open(fixture.resolve("model.safetensors"))) {
            for (String name : st.names()) {
                tensors.put(name, new FloatTensor(st.shape(name), st.readFloats(name)));
            }
        }
        return tensors;
    }

    private Path torchBin(Path fixture) throws Exception {
        Path folder = base(fixture, "bin");
        TorchPickles.stateDict(folder.resolve("pytorch_model.bin"), tensors(fixture));
        return folder;
    }

    private Path shards(Path fixture) throws Exception {
        Path folder = base(fixture, "shards");
        List<SortedMap<String, FloatTensor>> shards = List.of(new TreeMap<>(), new TreeMap<>());
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, FloatTensor> t : tensors(fixture).entrySet()) {
            shards.get(i % 2).put(t.getKey(), t.getValue());
            entries.add("\"" + t.getKey() + "\": \"model-0000" + (i % 2 + 1) + "-of-00002.safetensors\"");
            i++;
        }
        for (int s = 0; s < 2; s++) {
            SafetensorsWriter.write(folder.resolve("model-0000" + (s + 1) + "-of-00002.safetensors"), shards.get(s),
                    Map.of("format", "pt"));
        }
        Files.writeString(folder.resolve("model.safetensors.index.json"),
                "{\"metadata\": {\"total_size\": 0}, \"weight_map\": {" + String.join(", ", entries) + "}}");
        return folder;
    }

    /** {@code models--org--<name>} with every fixture file as a blob and refs/main naming the second snapshot. */
    private Path hub(Path fixture) throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("hub/models--org--" + fixture.getFileName()));
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Map<String, String> blobOf = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                String sha = Hashes.sha256(f);
                Files.copy(f, blobs.resolve(sha), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                blobOf.put(f.getFileName().toString(), sha);
            }
        }
        for (String hash : List.of("aaa111", "bbb222")) {
            Path snapshot = Files.createDirectories(repo.resolve("snapshots").resolve(hash));
            for (Map.Entry<String, String> b : blobOf.entrySet()) {
                if (hash.equals("bbb222") || INPUTS.contains(b.getKey()) || b.getKey().equals("config.json")) {
                    Files.createSymbolicLink(snapshot.resolve(b.getKey()), Path.of("../../blobs", b.getValue()));
                }
            }
        }
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "bbb222");
        return repo;
    }
}
