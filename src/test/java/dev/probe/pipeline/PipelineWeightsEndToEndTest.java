package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreManifest;
import dev.probe.cli.ProbeCommand;
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

    private void run(StepExecutor executor, ModelRepository home, StringWriter log) throws Exception {
        PipelineRunner runner = new PipelineRunner(executor, home, new PrintWriter(log, true), false);
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
        FakeSteps fake = new FakeSteps();
        int[] extracts = {0};
        StepExecutor executor = (args, out, err) -> {
            if (!args.get(0).equals("extract")) {
                return fake.execute(args, out, err);
            }
            extracts[0]++;
            var cli = ProbeCommand.newCommandLine();
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args.toArray(String[]::new));
        };
        ModelRepository home = new ModelRepository(tmp.resolve("home"));

        StringWriter log = new StringWriter();
        run(executor, home, log);
        assertThat(extracts[0]).as(log.toString()).isEqualTo(2);
        StoreManifest train = StoreManifest.read(tmp.resolve("run/stores/tiny/upos/train"));
        assertThat(train.model().weightsSha256()).isEqualTo(Hashes.sha256(model.resolve("model.safetensors")));
        assertThat(train.model().tokenizerSha256()).isEqualTo(Hashes.sha256(model.resolve("tokenizer.json")));

        log = new StringWriter();
        run(executor, home, log);
        assertThat(extracts[0]).as(log.toString()).isEqualTo(2);
        assertThat(fake.count("rank")).isEqualTo(1);

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
        assertThat(extracts[0]).as(log.toString()).isEqualTo(4);
        assertThat(fake.count("rank")).isEqualTo(2);
        assertThat(log.toString()).contains("extract tiny/upos/train … done in ")
                .contains("(redone: model model.safetensors changed)").contains("(redone: input stores changed)")
                .doesNotContain("warning");
        assertThat(StoreManifest.read(tmp.resolve("run/stores/tiny/upos/dev")).model().weightsSha256())
                .isEqualTo(Hashes.sha256(model.resolve("model.safetensors")))
                .isNotEqualTo(train.model().weightsSha256());
    }
}
