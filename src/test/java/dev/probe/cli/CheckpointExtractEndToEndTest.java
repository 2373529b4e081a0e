package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Hashes;
import dev.probe.model.ModelRepository;
import dev.probe.model.checkpoint.FloatTensor;
import dev.probe.model.checkpoint.SafetensorsReader;
import dev.probe.model.checkpoint.TorchPickles;
import dev.probe.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe extract --model} on MiniLM stored as users have it: a Hugging Face hub cache folder whose snapshot
 * holds a {@code pytorch_model.bin} (written here in the {@code torch.save} zip layout from the imported
 * {@code model.safetensors}) as links into {@code blobs/}. The store's activations equal those of {@code --model
 * minilm} byte for byte, and its manifest records the digest of the blob.
 */
class CheckpointExtractEndToEndTest {
    private static final Path NEUROX = Path.of("data-samples/neurox/ewt-dev.sample.in");

    @Test
    void hubCacheFolderWithPytorchModelBinExtractsTheSameStore(@TempDir Path tmp) throws Exception {
        Path minilm = ModelRepository.atDefaultHome().modelPath("minilm");
        Path repo = tmp.resolve("hub/models--sentence-transformers--all-MiniLM-L6-v2");
        Path blobs = Files.createDirectories(repo.resolve("blobs"));
        Path snapshot = Files.createDirectories(repo.resolve("snapshots/0123abcd"));
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), "0123abcd");

        Path bin = tmp.resolve("pytorch_model.bin");
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        try (SafetensorsReader st = SafetensorsReader.open(minilm.resolve("model.safetensors"))) {
            for (String name : st.names()) {
                tensors.put("bert." + name, new FloatTensor(st.shape(name), st.readFloats(name))); // a head prefix
            }
        }
        TorchPickles.stateDict(bin, tensors);
        Map<String, Path> files = Map.of("config.json", minilm.resolve("config.json"), "tokenizer.json",
                minilm.resolve("tokenizer.json"), "pytorch_model.bin", bin);
        for (Map.Entry<String, Path> f : files.entrySet()) {
            String sha = Hashes.sha256(f.getValue());
            Files.copy(f.getValue(), blobs.resolve(sha));
            Files.createSymbolicLink(snapshot.resolve(f.getKey()), Path.of("../../blobs", sha));
        }

        Path reference = tmp.resolve("reference");
        Path fromBin = tmp.resolve("from-bin");
        for (List<String> args : List.of(List.of("minilm", reference.toString()),
                List.of(repo.toString(), fromBin.toString()))) {
            CliRun run = CliRun.run("extract", "--quiet", "--input", NEUROX.toString(), "--model", args.get(0),
                    "--out", args.get(1), "--layers", "0,3,6");
            assertThat(run.exitCode()).as(run.err()).isZero();
        }

        assertThat(Files.readAllBytes(fromBin.resolve("activations.npy")))
                .isEqualTo(Files.readAllBytes(reference.resolve("activations.npy")));
        StoreManifest manifest = StoreManifest.read(fromBin);
        assertThat(manifest.model().weightsSha256()).isEqualTo(Hashes.sha256(bin));
        assertThat(manifest.model().tokenizerSha256()).isEqualTo(StoreManifest.read(reference).model()
                .tokenizerSha256());
        assertThat(manifest.model().source()).isEqualTo(snapshot.toAbsolutePath().toString());
    }
}
