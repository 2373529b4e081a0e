package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.io.AtomicDirectory;
import dev.probe.model.Architectures;
import dev.probe.model.ModelRepository;
import dev.probe.model.Transformer;
import dev.probe.model.checkpoint.TorchPickles;
import dev.probe.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code probe models import PATH --alias NAME [--link]}: a checked copy or link into the model cache of the test home
 * ({@code probe.home}), after which {@code --model NAME} resolves to it. Names are unique per run and removed after.
 */
class ModelsImportCommandTest {
    @TempDir
    Path tmp;

    private final ModelRepository repository = ModelRepository.atDefaultHome();
    private final List<String> names = new ArrayList<>();

    private String name() {
        String name = "import-test-" + UUID.randomUUID();
        names.add(name);
        return name;
    }

    @AfterEach
    void removeImports() throws Exception {
        for (String name : names) {
            Path folder = repository.home().resolve("models").resolve(name);
            if (Files.isSymbolicLink(folder)) {
                Files.delete(folder);
            } else if (Files.exists(folder)) {
                AtomicDirectory.deleteTree(folder);
            }
        }
    }

    private Path binFolder() throws Exception {
        Path fixture = Path.of(getClass().getResource("/fixtures/bert").toURI());
        Path folder = tmp.resolve("bert-bin");
        if (Files.exists(folder)) {
            return folder;
        }
        Files.createDirectories(folder);
        Files.copy(fixture.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(Path.of(getClass().getResource("/checkpoints/bert-zip.bin").toURI()),
                folder.resolve("pytorch_model.bin"));
        Files.writeString(folder.resolve("notes.txt"), "not copied\n");
        return folder;
    }

    @Test
    void copiesTheCheckpointFolderAndTheNameLoadsIt() throws Exception {
        String name = name();
        CliRun run = CliRun.run("models", "import", binFolder().toString(), "--alias", name);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path folder = repository.home().resolve("models").resolve(name);
        assertThat(run.out()).contains("alias\t" + name).contains("folder\t" + folder).contains("mode\tcopy");
        assertThat(Files.isSymbolicLink(folder)).isFalse();
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.json", "pytorch_model.bin", "import.json");
        }
        assertThat(repository.modelPath(name)).isEqualTo(folder);
        try (Transformer model = Architectures.loadFolder(repository.modelPath(name))) {
            assertThat(model.info().availableLayers(dev.probe.model.ProbePoint.HIDDEN)).isNotEmpty();
        }
        assertThat(CliRun.run("models").out()).contains("cached\t" + folder);

        CliRun again = CliRun.run("models", "import", binFolder().toString(), "--alias", name);
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.errLines()).hasSize(1);
        assertThat(again.err()).contains(folder.toString()).contains("already exists");
    }

    @Test
    void linksWhenAsked() throws Exception {
        String name = name();
        Path source = binFolder();
        CliRun run = CliRun.run("models", "import", source.toString(), "--alias", name, "--link");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path folder = repository.home().resolve("models").resolve(name);
        assertThat(Files.isSymbolicLink(folder)).isTrue();
        assertThat(Files.readSymbolicLink(folder)).isEqualTo(source.toRealPath());
        assertThat(repository.modelPath(name).toRealPath()).isEqualTo(source.toRealPath());
    }

    @Test
    void aFolderThatIsNotAModelExitsTwoNamingIt() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        String name = name();
        CliRun run = CliRun.run("models", "import", empty.toString(), "--alias", name);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(empty.resolve("config.json").toString());

        Path noWeights = Files.createDirectories(tmp.resolve("no-weights"));
        Files.copy(Path.of(getClass().getResource("/fixtures/bert/config.json").toURI()),
                noWeights.resolve("config.json"));
        CliRun none = CliRun.run("models", "import", noWeights.toString(), "--alias", name);
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains(noWeights.toString()).contains("model.safetensors")
                .contains("pytorch_model.bin");
        assertThat(Files.exists(repository.home().resolve("models").resolve(name), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
    }

    @Test
    void aPytorchModelBinCallingAForbiddenGlobalExitsTwoNamingIt() throws Exception {
        Path evil = Files.createDirectories(tmp.resolve("evil"));
        Files.copy(Path.of(getClass().getResource("/fixtures/bert/config.json").toURI()), evil.resolve("config.json"));
        byte[] pickle = TorchPickles.protocol2().global("os", "system").string("touch " + tmp.resolve("pwned"))
                .op(0x85).op('R').stop();
        TorchPickles.zip(evil.resolve("pytorch_model.bin"), Map.of("archive/data.pkl", pickle));

        CliRun run = CliRun.run("models", "import", evil.toString(), "--alias", name());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains(evil.resolve("pytorch_model.bin").toString()).contains("'os.system'");
        assertThat(tmp.resolve("pwned")).doesNotExist();
    }

    @Test
    void anInvalidNameOrAnAliasNameExitsTwo() throws Exception {
        for (String bad : List.of("../escape", "minilm", ".hidden")) {
            CliRun run = CliRun.run("models", "import", binFolder().toString(), "--alias", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("invalid model name");
        }
    }
}
