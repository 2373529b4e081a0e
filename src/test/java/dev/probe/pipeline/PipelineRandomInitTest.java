package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Hashes;
import dev.probe.model.ModelRepository;
import dev.probe.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline model entry with {@code random_init: SEED}: the real tiny BERT and its random twin are extracted side by
 * side (real extraction, in process; rank and compare are the fake steps), the twin's stores record the seed and a
 * weights digest of their own, a second run keeps everything, and a new seed redoes only the twin's stores.
 */
class PipelineRandomInitTest {
    @TempDir
    Path tmp;

    private static final String CONFIG = """
            run_dir: run
            models:
              - name: tiny
                model: model
              - name: tiny-random
                model: model
                random_init: %s
            tasks:
              - name: upos
                column: upos
                train: data/train.conllu
                dev: data/dev.conllu
            """;

    private String run(Stages stages, ModelRepository home) throws Exception {
        StringWriter log = new StringWriter();
        new PipelineRunner(stages, home, new PrintWriter(log, true)).run(PipelineConfig.load(tmp.resolve("p.yaml")));
        return log.toString();
    }

    @Test
    void realModelAndItsRandomTwinSideBySide() throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 4, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        Path model = TinyModels.bert(tmp.resolve("model"));
        TestCorpora.write(tmp, "p.yaml", CONFIG.formatted("7"));
        ModelRepository home = new ModelRepository(tmp.resolve("home"));
        RealExtraction executor = new RealExtraction(home);

        String log = run(executor, home);
        assertThat(executor.extracts).as(log).hasSize(4);
        assertThat(executor.fake.ranks).hasSize(2);
        StoreManifest real = StoreManifest.read(tmp.resolve("run/stores/tiny/train.conllu"));
        StoreManifest random = StoreManifest.read(tmp.resolve("run/stores/tiny-random/train.conllu"));
        assertThat(real.model().randomInit()).isNull();
        assertThat(random.model().randomInit().seed()).isEqualTo(7);
        assertThat(random.model().randomInit().checkpointSha256())
                .isEqualTo(Hashes.sha256(model.resolve("model.safetensors"))).isEqualTo(real.model().weightsSha256());
        assertThat(random.model().weightsSha256()).isNotEqualTo(real.model().weightsSha256());
        assertThat(Files.readAllBytes(tmp.resolve("run/stores/tiny-random/train.conllu/activations.npy")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("run/stores/tiny/train.conllu/activations.npy")));

        log = run(executor, home);
        assertThat(executor.extracts).as("a second run keeps every store: " + log).hasSize(4);

        TestCorpora.write(tmp, "p.yaml", CONFIG.formatted("8"));
        log = run(executor, home);
        assertThat(executor.extracts).as(log).hasSize(6);
        assertThat(executor.extracts.subList(4, 6)).allSatisfy(r -> assertThat(r.model().randomInit()).isEqualTo(8L));
        assertThat(log).contains("extract tiny-random/train.conllu … done in ")
                .contains("(redone: model weights (the store's: random_init seed 7) changed)").contains("extract tiny/train.conllu … up to date");
    }

    @Test
    void aSeedThatIsNoIntegerIsOneLineNamingTheKey() throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 4, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        TinyModels.bert(tmp.resolve("model"));
        for (String bad : new String[] {"1.5", "seven", "[7]"}) {
            Path file = TestCorpora.write(tmp, "p.yaml", CONFIG.formatted(bad));
            assertThatThrownBy(() -> PipelineConfig.load(file)).isInstanceOf(ProbeException.class)
                    .hasMessageStartingWith(file.toString()).hasMessageContaining("models[1].random_init")
                    .hasMessageContaining("integer seed").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        Path ok = TestCorpora.write(tmp, "p.yaml", CONFIG.formatted("42"));
        assertThat(PipelineConfig.load(ok).models()).extracting(PipelineConfig.ModelEntry::randomInit)
                .containsExactly(null, 42L);
    }
}
