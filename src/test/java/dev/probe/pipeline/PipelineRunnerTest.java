package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelRepository;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The skip logic with a fake executor: which steps run on a first run, on a second run, and after each kind of change
 * to the inputs or the configuration.
 */
class PipelineRunnerTest {
    @TempDir
    Path tmp;

    private final FakeSteps steps = new FakeSteps();
    private StringWriter log;

    @BeforeEach
    void inputs() throws Exception {
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 6, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 3, 6, tmp.resolve("data/test.conllu"));
        TestCorpora.fakeModel(tmp.resolve("model"));
        writeConfig("column: xpos", "delta: 1.0");
    }

    /** Two tasks on the same files (xpos with a test split, deprel without), one fake model. */
    private Path writeConfig(String xposColumn, String rank) throws Exception {
        return TestCorpora.write(tmp, "p.yaml", """
                run_dir: run
                models:
                  - name: tiny
                    model: model
                tasks:
                  - name: xpos
                    %s
                    train: data/train.conllu
                    dev: data/dev.conllu
                    test: data/test.conllu
                  - name: deprel
                    column: deprel
                    train: data/train.conllu
                    dev: data/dev.conllu
                rank:
                  %s
                """.formatted(xposColumn, rank));
    }

    private PipelineResult run() throws ProbeException {
        steps.reset();
        log = new StringWriter();
        PipelineRunner runner = new PipelineRunner(steps, new ModelRepository(tmp.resolve("home")),
                new PrintWriter(log, true), false);
        return runner.run(PipelineConfig.load(tmp.resolve("p.yaml")));
    }

    @Test
    void firstRunDoesEverythingSecondRunNothing() throws Exception {
        PipelineResult first = run();
        assertThat(steps.count("extract")).isEqualTo(5);
        assertThat(steps.count("rank")).isEqualTo(2);
        assertThat(steps.count("compare")).isEqualTo(1);
        assertThat(first.ran("extract")).extracting(PipelineResult.Step::target).containsExactly("tiny/xpos/train",
                "tiny/xpos/dev", "tiny/xpos/test", "tiny/deprel/train", "tiny/deprel/dev");
        assertThat(Files.readString(first.comparisonMarkdown())).contains("| 2 |");
        assertThat(Files.readString(first.comparisonJson())).isEqualTo("{\"rankings\": 2}\n");
        assertThat(log.toString()).contains("extract tiny/xpos/train … done in ").doesNotContain("redone")
                .doesNotContain("warning");

        PipelineResult second = run();
        assertThat(steps.count("extract")).isZero();
        assertThat(steps.count("rank")).isZero();
        assertThat(steps.count("compare")).isEqualTo(1);
        assertThat(second.steps()).filteredOn(s -> !s.kind().equals("compare")).noneMatch(PipelineResult.Step::ran);
        assertThat(log.toString().lines().filter(l -> l.endsWith(" … up to date")).toList())
                .contains("extract tiny/xpos/train … up to date", "rank tiny/deprel … up to date").hasSize(7);
    }

    @Test
    void stepArgumentsCarryTheConfiguration() throws Exception {
        writeConfig("column: xpos", "delta: 2.5\n  l1: 0.01\n  grid: [0, 1e-3]\n  control: true\n  seed: 3");
        run();
        List<String> extract = steps.calls("extract").get(0);
        assertThat(extract).startsWith("extract", "--quiet").contains("--force").containsSequence("--layers", "all")
                .containsSequence("--column", "xpos").containsSequence("--dtype", "float32")
                .containsSequence("--out", tmp.resolve("run/stores/tiny/xpos/train").toAbsolutePath().toString());
        List<String> xpos = steps.calls("rank").get(0);
        assertThat(FakeSteps.splits(xpos)).containsExactly("train", "dev", "test");
        assertThat(xpos).startsWith("rank", "--quiet").contains("--force", "--grid", "--control")
                .containsSequence("--delta", "2.5").containsSequence("--l1", "0.01")
                .containsSequence("--grid-values", "0.0,0.001").containsSequence("--seed", "3")
                .containsSequence("--out", tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath().toString());
        assertThat(FakeSteps.splits(steps.calls("rank").get(1))).containsExactly("train", "dev");
        assertThat(steps.calls("compare")).singleElement().isEqualTo(List.of("compare",
                tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath().toString(),
                tmp.resolve("run/runs/tiny/deprel/rank").toAbsolutePath().toString(), "--out",
                tmp.resolve("run/comparison.md").toAbsolutePath().toString(), "--force"));
        run();
        assertThat(steps.count("rank")).as("a grid ranking with the same values is kept").isZero();
    }

    @Test
    void changedInputRedoesItsStoresAndTheirRankings() throws Exception {
        run();
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 1, 3, tmp.resolve("data/dev.conllu"));
        run();
        assertThat(steps.calls("extract")).extracting(a -> FakeSteps.option(a, "--out"))
                .containsExactly(tmp.resolve("run/stores/tiny/xpos/dev").toAbsolutePath().toString(),
                        tmp.resolve("run/stores/tiny/deprel/dev").toAbsolutePath().toString());
        assertThat(steps.count("rank")).isEqualTo(2);
        assertThat(log.toString()).contains("extract tiny/xpos/dev … done in ").contains("(redone: input file changed)")
                .contains("rank tiny/xpos … done in").contains("(redone: input stores changed)")
                .contains("extract tiny/xpos/test … up to date");
    }

    @Test
    void changedTestSplitRedoesOnlyThatStoreAndRanking() throws Exception {
        run();
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 3, 5, tmp.resolve("data/test.conllu"));
        run();
        assertThat(steps.count("extract")).isEqualTo(1);
        assertThat(steps.calls("rank")).singleElement().satisfies(a -> assertThat(a).contains(
                tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath().toString()));
    }

    @Test
    void changedLabelColumnRedoesThatTasksStores() throws Exception {
        run();
        writeConfig("column: upos", "delta: 1.0");
        run();
        assertThat(steps.count("extract")).isEqualTo(3);
        assertThat(steps.count("rank")).isEqualTo(1);
        assertThat(log.toString()).contains("(redone: label column xpos ≠ upos)");
    }

    @Test
    void changedRankSettingsRedoOnlyTheRankings() throws Exception {
        run();
        for (String rank : List.of("delta: 2.0", "l2: 0.01", "seed: 9", "control: true", "grid: true",
                "grid: [0, 0.01]", "grid: [0, 0.1]")) {
            writeConfig("column: xpos", rank);
            run();
            assertThat(steps.count("extract")).as(rank).isZero();
            assertThat(steps.count("rank")).as(rank).isEqualTo(2);
        }
        assertThat(log.toString()).contains("(redone: λ grid values changed)");
    }

    @Test
    void changedModelOrStoreSettingsRedoEveryStore() throws Exception {
        run();
        Files.writeString(tmp.resolve("model/config.json"), "{\"model_type\": \"bert\", \"num_hidden_layers\": 2}");
        run();
        assertThat(steps.count("extract")).isEqualTo(5);
        assertThat(log.toString()).contains("(redone: model config.json changed)");
        String config = Files.readString(tmp.resolve("p.yaml"));
        for (String setting : List.of("    dtype: float16", "    layers: 0,2", "    aggregate: first")) {
            Files.writeString(tmp.resolve("p.yaml"), config.replace("    model: model\n", "    model: model\n"
                    + setting + "\n"));
            run();
            assertThat(steps.count("extract")).as(setting).isEqualTo(5);
            assertThat(steps.count("rank")).as(setting).isEqualTo(2);
        }
    }

    @Test
    void changedWeightsOrTokenizerRedoEveryStoreAndRanking() throws Exception {
        run();
        Files.writeString(tmp.resolve("model/model.safetensors"), "fake weightz\n"); // same size, other bytes
        run();
        assertThat(steps.count("extract")).isEqualTo(5);
        assertThat(steps.count("rank")).isEqualTo(2);
        assertThat(log.toString()).contains("(redone: model model.safetensors changed)")
                .contains("(redone: input stores changed)");
        run();
        assertThat(steps.count("extract")).isZero();

        Files.writeString(tmp.resolve("model/tokenizer.json"), "{\"fake\": \"tokenizer 2\"}\n");
        run();
        assertThat(steps.count("extract")).isEqualTo(5);
        assertThat(steps.count("rank")).isEqualTo(2);
        assertThat(log.toString()).contains("(redone: model tokenizer.json changed)");
    }

    @Test
    void aDigestUnknownOnEitherSideCountsAsAChange() throws Exception {
        run();
        // a store written before weights were hashed: its manifest has "weights_sha256": null
        Path store = tmp.resolve("run/stores/tiny/xpos/train");
        String manifest = Files.readString(store.resolve("manifest.json"));
        Files.writeString(store.resolve("manifest.json"),
                manifest.replaceFirst("\"weights_sha256\": \"[0-9a-f]{64}\"", "\"weights_sha256\": null"));
        run();
        assertThat(steps.calls("extract")).singleElement().satisfies(a -> assertThat(FakeSteps.option(a, "--out"))
                .isEqualTo(store.toAbsolutePath().toString()));
        assertThat(log.toString()).contains("(redone: the store records no model.safetensors digest (written by an"
                + " older probe))");

        // a model folder without a checkpoint to hash: nothing can be called up to date
        Files.delete(tmp.resolve("model/model.safetensors"));
        run();
        assertThat(steps.count("extract")).isEqualTo(5);
        assertThat(log.toString()).contains("(redone: the model has no model.safetensors to compare)");
    }

    @Test
    void unreadableOrForeignOutputsAreRedone() throws Exception {
        run();
        Files.writeString(tmp.resolve("run/stores/tiny/deprel/train/manifest.json"), "{ not json");
        Files.writeString(tmp.resolve("run/runs/tiny/xpos/rank/ranking.json"), "[]");
        run();
        assertThat(steps.calls("extract")).singleElement().satisfies(a -> assertThat(FakeSteps.option(a, "--out"))
                .endsWith("deprel/train"));
        // the deprel ranking is redone only if the new manifest differs from the old one (its time stamp)
        assertThat(steps.calls("rank")).extracting(a -> FakeSteps.option(a, "--out"))
                .contains(tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath().toString());
        assertThat(log.toString()).contains("(redone: unreadable manifest").contains("is not a JSON object");
    }

    @Test
    void failingStepStopsThePipelineNamingTheStep() throws Exception {
        steps.failWhen(a -> a.get(0).equals("extract") && a.contains("deprel"));
        assertThatThrownBy(this::run).isInstanceOf(ProbeException.class)
                .hasMessage("step extract tiny/deprel/train failed (exit 2): "
                        + tmp.resolve("data/train.conllu").toAbsolutePath() + ":3: something is wrong");
        assertThat(steps.count("extract")).isEqualTo(4);
        assertThat(steps.count("rank")).isEqualTo(1);
        assertThat(steps.count("compare")).isZero();
        assertThat(log.toString()).contains("extract tiny/deprel/train … failed (exit 2)");
    }

    @Test
    void unavailableAliasIsNamedBeforeAnyStep() throws Exception {
        Assumptions.assumeFalse(ModelRepository.alias("e5-small").map(ModelAlias::available).orElse(true),
                "e5-small is on the classpath (profile extra-models)");
        String config = Files.readString(tmp.resolve("p.yaml"));
        Files.writeString(tmp.resolve("p.yaml"), config.replace("    model: model\n", "    model: model\n"
                + "  - name: e5\n    model: e5-small\n"));
        assertThatThrownBy(this::run).isInstanceOf(ProbeException.class)
                .hasMessageContaining("p.yaml: models[1].model: model 'e5-small' is not available");
    }
}
