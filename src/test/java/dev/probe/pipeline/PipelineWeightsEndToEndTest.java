package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreManifest;
import dev.probe.io.Hashes;
import dev.probe.model.ModelRepository;
import dev.probe.testing.TinyModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The weights digest from a real {@code probe extract} (tiny BERT fixture, in process, with its own model cache) to
 * the pipeline's freshness check: the store records the digest of {@code model.safetensors}, and new bytes in that file
 * (the config untouched) make {@code probe run} extract and rank again. Rank and compare are the fake steps.
 */
class PipelineWeightsEndToEndTest {
    @TempDir
    Path tmp;

    private void run(Stages stages, ModelRepository home, StringWriter log) throws Exception {
        PipelineRunner runner = new PipelineRunner(stages, home, new PrintWriter(log, true));
        runner.run(PipelineConfig.load(tmp.resolve("p.yaml")));
    }

    @Test
    void newCheckpointBytesRedoTheStoresAndTheRanking() throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 4, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        Path model = TinyModels.bert(tmp.resolve("model"));
        TestCorpora.write(tmp, "p.yaml", """
                run_dir: run
                models:
                  - name: tiny
                    model: model
                tasks:
                  - name: upos
                    column: upos
                    train: data/train.conllu
                    dev: data/dev.conllu
                """);
        ModelRepository home = new ModelRepository(tmp.resolve("home"));
        RealExtraction executor = new RealExtraction(home);

        StringWriter log = new StringWriter();
        run(executor, home, log);
        assertThat(executor.extracts.size()).as(log.toString()).isEqualTo(2);
        StoreManifest train = StoreManifest.read(tmp.resolve("run/stores/tiny/train.conllu"));
        assertThat(train.model().weightsSha256()).isEqualTo(Hashes.sha256(model.resolve("model.safetensors")));
        assertThat(train.model().tokenizerSha256()).isEqualTo(Hashes.sha256(model.resolve("tokenizer.json")));

        log = new StringWriter();
        run(executor, home, log);
        assertThat(executor.extracts.size()).as(log.toString()).isEqualTo(2);
        assertThat(executor.fake.ranks.size()).isEqualTo(1);

        // one weight changed: same file size, same config.json
        TinyModels.bert(tmp.resolve("model2"), (name, data) -> {
            if (name.equals("encoder.layer.1.output.dense.bias")) {
                data[0] += 0.5f;
            }
        });
        Files.copy(tmp.resolve("model2/model.safetensors"), model.resolve("model.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        log = new StringWriter();
        run(executor, home, log);
        assertThat(executor.extracts.size()).as(log.toString()).isEqualTo(4);
        assertThat(executor.fake.ranks.size()).isEqualTo(2);
        assertThat(log.toString()).contains("extract tiny/train.conllu … done in ")
                .contains("(redone: model checkpoint changed)").contains("(redone: input stores changed)")
                .doesNotContain("warning");
        assertThat(StoreManifest.read(tmp.resolve("run/stores/tiny/dev.conllu")).model().weightsSha256())
                .isEqualTo(Hashes.sha256(model.resolve("model.safetensors")))
                .isNotEqualTo(train.model().weightsSha256());
    }
}
