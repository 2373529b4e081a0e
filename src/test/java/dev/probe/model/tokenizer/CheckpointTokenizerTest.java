package dev.probe.model.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.io.Hashes;
import dev.probe.model.LoadedModel;
import dev.probe.model.ModelLoader;
import dev.probe.model.ModelRepository;
import dev.probe.pipeline.ModelFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model folder with {@code vocab.txt} instead of {@code tokenizer.json} loads end to end: the tokenizer is built
 * once, outside the user's folder, and provenance records the built file's digest; imported into the tool's cache,
 * the built file is saved beside the checkpoint.
 */
class CheckpointTokenizerTest {
    @TempDir
    Path tmp;

    private Path bertFolder(String name) throws Exception {
        Path fixture = Path.of(CheckpointTokenizerTest.class.getResource("/fixtures/bert").toURI());
        Path folder = Files.createDirectories(tmp.resolve(name));
        Files.copy(fixture.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(fixture.resolve("model.safetensors"), folder.resolve("model.safetensors"));
        List<String> tokens = new ArrayList<>(List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat",
                "sat", "##s", "."));
        while (tokens.size() < 1000) { // the fixture's vocab_size
            tokens.add("[unused" + tokens.size() + "]");
        }
        Files.writeString(folder.resolve("vocab.txt"), String.join("\n", tokens) + "\n", StandardCharsets.UTF_8);
        return folder;
    }

    @Test
    void aFolderWithVocabTxtLoadsAndRecordsTheBuiltTokenizer() throws Exception {
        Path folder = bertFolder("user-bert");
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));
        try (LoadedModel model = new ModelLoader(repository).load(folder.toString(), null, 512)) {
            Path built = model.tokenizer().file();
            assertThat(built).startsWith(tmp.resolve("home").resolve("tokenizers"));
            assertThat(folder.resolve("tokenizer.json")).doesNotExist();
            assertThat(model.source().tokenizerSha256()).isEqualTo(Hashes.sha256(Files.readAllBytes(built)));
            assertThat(model.tokenizer().encode(List.of("The", "cats", "sat", ".")).ids())
                    .containsExactly(5, 6, 8, 7, 9);
            assertThat(model.tokenizer().template().prefixIds()).containsExactly(2);
            assertThat(ModelFingerprint.of(folder.toString(), repository).tokenizerSha256()) // what the pipeline checks
                    .isEqualTo(model.source().tokenizerSha256());
        }
    }

    @Test
    void anImportedFolderGetsItsTokenizerBesideTheCheckpoint() throws Exception {
        Path folder = bertFolder("to-import");
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));
        Path imported = repository.importFolder(folder, "tiny-bert", false);
        assertThat(imported.resolve("vocab.txt")).exists();
        try (LoadedModel model = new ModelLoader(repository).load("tiny-bert", null, 512)) {
            assertThat(model.tokenizer().file()).isEqualTo(imported.resolve("tokenizer.json"));
            assertThat(model.source().tokenizerSha256())
                    .isEqualTo(Hashes.sha256(Files.readAllBytes(imported.resolve("tokenizer.json"))));
        }
        assertThat(folder.resolve("tokenizer.json")).doesNotExist();
        Path linked = repository.importFolder(folder, "linked-bert", true); // a link: the user's folder, not ours
        try (LoadedModel model = new ModelLoader(repository).load("linked-bert", null, 512)) {
            assertThat(model.tokenizer().file()).startsWith(tmp.resolve("home").resolve("tokenizers"));
        }
        assertThat(linked.resolve("tokenizer.json")).doesNotExist();
    }

    @Test
    void aFolderWithoutTokenizerFilesFailsNamingThem() throws Exception {
        Path folder = bertFolder("no-tokenizer");
        Files.delete(folder.resolve("vocab.txt"));
        ModelRepository repository = new ModelRepository(tmp.resolve("home"));
        assertThatThrownBy(() -> new ModelLoader(repository).load(folder.toString(), null, 512))
                .isInstanceOf(ProbeException.class)
                .hasMessage(folder + ": no tokenizer: the folder has none of tokenizer.json, vocab.txt and"
                        + " spiece.model");
    }
}
