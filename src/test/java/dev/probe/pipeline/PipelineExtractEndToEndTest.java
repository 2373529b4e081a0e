package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Hashes;
import dev.probe.model.ModelRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extract steps for real (embedded MiniLM, {@code probe extract} in process) on a 20-sentence corpus: the stores a
 * second run finds are up to date, so the provenance the pipeline predicts is the provenance extract records. Rank and
 * compare are counted but not run.
 */
class PipelineExtractEndToEndTest {
    @Test
    void secondRunFindsTheRealStoresUpToDate(@TempDir Path tmp) throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 20, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 8, tmp.resolve("data/dev.conllu"));
        Path config = TestCorpora.write(tmp.resolve("configs"), "tiny.yaml", """
                run_dir: ../run
                models:
                  - name: minilm
                    model: minilm
                    layers: all
                tasks:
                  - name: deprel
                    column: deprel
                    train: ../data/train.conllu
                    dev: ../data/dev.conllu
                """);
        RealExtraction stages = new RealExtraction(ModelRepository.atDefaultHome());
        StringWriter firstLog = new StringWriter();
        new PipelineRunner(stages, ModelRepository.atDefaultHome(), new PrintWriter(firstLog, true))
                .run(PipelineConfig.load(config));
        assertThat(stages.extracts).hasSize(2);
        assertThat(firstLog.toString()).contains("extract minilm/train.conllu … done in ")
                .contains("extract minilm/dev.conllu … done in ").doesNotContain("warning: extract");
        StoreManifest train = StoreManifest.read(tmp.resolve("run/stores/minilm/train.conllu"));
        assertThat(train.layers()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(train.input().defaultLabel()).isEqualTo("deprel");
        assertThat(train.input().columns()).containsExactly("id", "form", "lemma", "upos", "xpos", "feats", "head",
                "deprel", "deps", "misc");
        // the alias's digests are those of the files it was imported to in the model cache
        Path imported = ModelRepository.atDefaultHome().folder(ModelRepository.alias("minilm").orElseThrow());
        assertThat(train.model().weightsSha256()).isEqualTo(Hashes.sha256(imported.resolve("model.safetensors")));
        assertThat(train.model().tokenizerSha256()).isEqualTo(Hashes.sha256(imported.resolve("tokenizer.json")));

        stages.extracts.clear();
        stages.fake.reset();
        StringWriter secondLog = new StringWriter();
        PipelineResult second = new PipelineRunner(stages, ModelRepository.atDefaultHome(),
                new PrintWriter(secondLog, true)).run(PipelineConfig.load(config));
        assertThat(stages.extracts).isEmpty();
        assertThat(second.ran("extract")).isEmpty();
        assertThat(secondLog.toString()).contains("extract minilm/train.conllu … up to date",
                "extract minilm/dev.conllu … up to date");
        assertThat(stages.fake.ranks).isEmpty();
        assertThat(stages.fake.comparisons).hasSize(1);
    }
}
