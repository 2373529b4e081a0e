package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.activations.ExtractionRequest;
import dev.probe.activations.store.StoreDtype;
import dev.probe.model.ModelAlias;
import dev.probe.model.ModelRepository;
import dev.probe.rank.RankRequest;
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
 * The skip logic with fake stages: which steps run on a first run, on a second run, and after each kind of change to
 * the inputs or the configuration. The two tasks share their corpus files, so each file is extracted once.
 */
class PipelineRunnerTest {
    @TempDir
    Path tmp;

    private final FakeStages steps = new FakeStages();
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
                new PrintWriter(log, true));
        return runner.run(PipelineConfig.load(tmp.resolve("p.yaml")));
    }

    private Path store(String file) {
        return tmp.resolve("run/stores/tiny/" + file).toAbsolutePath();
    }

    @Test
    void firstRunDoesEverythingSecondRunNothing() throws Exception {
        PipelineResult first = run();
        assertThat(steps.extracts).hasSize(3);
        assertThat(steps.ranks).hasSize(2);
        assertThat(steps.comparisons).hasSize(1);
        assertThat(first.ran("extract")).extracting(PipelineResult.Step::target).containsExactly("tiny/train.conllu",
                "tiny/dev.conllu", "tiny/test.conllu");
        assertThat(Files.readString(first.comparisonMarkdown())).contains("| 2 |");
        assertThat(Files.readString(first.comparisonJson())).isEqualTo("{\"rankings\": 2}\n");
        assertThat(first.comparisonHtml()).isEqualTo(first.comparisonMarkdown().resolveSibling("comparison.html"));
        assertThat(Files.readString(first.comparisonHtml())).contains("2 rankings");
        assertThat(log.toString()).contains("extract tiny/train.conllu … done in ").doesNotContain("redone")
                .doesNotContain("warning");
        assertThat(steps.comparisons.get(0).rows()).extracting(r -> r.model() + "/" + r.task())
                .containsExactlyInAnyOrder("tiny/xpos", "tiny/deprel");

        PipelineResult second = run();
        assertThat(steps.extracts).isEmpty();
        assertThat(steps.ranks).isEmpty();
        assertThat(steps.comparisons).hasSize(1);
        assertThat(second.steps()).filteredOn(s -> !s.kind().equals("compare")).noneMatch(PipelineResult.Step::ran);
        assertThat(log.toString().lines().filter(l -> l.endsWith(" … up to date")).toList())
                .contains("extract tiny/train.conllu … up to date", "rank tiny/deprel … up to date").hasSize(5);
    }

    @Test
    void requestsCarryTheConfiguration() throws Exception {
        writeConfig("column: xpos", "delta: 2.5\n  l1: 0.01\n  grid: [0, 1e-3]\n  control: true\n  seed: 3");
        run();
        ExtractionRequest extract = steps.extracts.get(0);
        assertThat(extract.force()).isTrue();
        assertThat(extract.layers()).isEmpty();
        assertThat(extract.column()).isEqualTo("xpos");
        assertThat(extract.dtype()).isEqualTo(StoreDtype.FLOAT32);
        assertThat(extract.out()).isEqualTo(store("train.conllu"));
        RankRequest xpos = steps.ranks.get(0);
        assertThat(List.of(xpos.train(), xpos.dev(), xpos.test())).containsExactly(store("train.conllu"),
                store("dev.conllu"), store("test.conllu"));
        assertThat(xpos.force()).isTrue();
        assertThat(xpos.settings().label()).isEqualTo("xpos");
        assertThat(xpos.settings().delta()).isEqualTo(2.5);
        assertThat(xpos.settings().options().l1()).isEqualTo(0.01);
        assertThat(xpos.settings().options().seed()).isEqualTo(3);
        assertThat(xpos.settings().grid()).containsExactly(0.0, 0.001);
        assertThat(xpos.settings().control()).isTrue();
        assertThat(xpos.out()).isEqualTo(tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath());
        RankRequest deprel = steps.ranks.get(1);
        assertThat(deprel.train()).as("one store per corpus file").isEqualTo(xpos.train());
        assertThat(deprel.test()).isNull();
        assertThat(deprel.settings().label()).isEqualTo("deprel");
        run();
        assertThat(steps.ranks).as("a grid ranking with the same values is kept").isEmpty();
    }

    @Test
    void changedInputRedoesItsStoreAndTheRankingsOnIt() throws Exception {
        run();
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 1, 3, tmp.resolve("data/dev.conllu"));
        run();
        assertThat(steps.extracts).extracting(ExtractionRequest::out).containsExactly(store("dev.conllu"));
        assertThat(steps.ranks).hasSize(2);
        assertThat(log.toString()).contains("extract tiny/dev.conllu … done in ").contains("(redone: input file changed)")
                .contains("rank tiny/xpos … done in").contains("(redone: input stores changed)")
                .contains("extract tiny/test.conllu … up to date");
    }

    @Test
    void changedTestSplitRedoesOnlyThatStoreAndRanking() throws Exception {
        run();
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 3, 5, tmp.resolve("data/test.conllu"));
        run();
        assertThat(steps.extracts).hasSize(1);
        assertThat(steps.ranks).singleElement().satisfies(r -> assertThat(r.out())
                .isEqualTo(tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath()));
    }

    @Test
    void changedLabelColumnRedoesOnlyThatTasksRanking() throws Exception {
        run();
        writeConfig("column: upos", "delta: 1.0");
        run();
        assertThat(steps.extracts).as("the store keeps every column").isEmpty();
        assertThat(steps.ranks).singleElement().satisfies(r -> assertThat(r.settings().label()).isEqualTo("upos"));
        assertThat(log.toString()).contains("(redone: settings changed: label xpos ≠ upos)");
    }

    @Test
    void changedRankSettingsRedoOnlyTheRankings() throws Exception {
        run();
        for (String rank : List.of("delta: 2.0", "l2: 0.01", "seed: 9", "control: true", "grid: true",
                "grid: [0, 0.01]", "grid: [0, 0.1]")) {
            writeConfig("column: xpos", rank);
            run();
            assertThat(steps.extracts).as(rank).isEmpty();
            assertThat(steps.ranks).as(rank).hasSize(2);
        }
        assertThat(log.toString()).contains("(redone: settings changed: λ grid [0.0, 0.01] ≠ [0.0, 0.1])");
    }

    @Test
    void changedModelOrStoreSettingsRedoEveryStore() throws Exception {
        run();
        Files.writeString(tmp.resolve("model/config.json"), "{\"model_type\": \"bert\", \"num_hidden_layers\": 2}");
        run();
        assertThat(steps.extracts).hasSize(3);
        assertThat(log.toString()).contains("(redone: model config.json changed)");
        String config = Files.readString(tmp.resolve("p.yaml"));
        for (String setting : List.of("    dtype: float16", "    layers: 0,2", "    aggregate: first")) {
            Files.writeString(tmp.resolve("p.yaml"), config.replace("    model: model\n", "    model: model\n"
                    + setting + "\n"));
            run();
            assertThat(steps.extracts).as(setting).hasSize(3);
            assertThat(steps.ranks).as(setting).hasSize(2);
        }
    }

    @Test
    void changedWeightsOrTokenizerRedoEveryStoreAndRanking() throws Exception {
        run();
        Files.writeString(tmp.resolve("model/model.safetensors"), "fake weightz\n"); // same size, other bytes
        run();
        assertThat(steps.extracts).hasSize(3);
        assertThat(steps.ranks).hasSize(2);
        assertThat(log.toString()).contains("(redone: model checkpoint changed)")
                .contains("(redone: input stores changed)");
        run();
        assertThat(steps.extracts).isEmpty();

        Files.writeString(tmp.resolve("model/tokenizer.json"), "{\"fake\": \"tokenizer 2\"}\n");
        run();
        assertThat(steps.extracts).hasSize(3);
        assertThat(steps.ranks).hasSize(2);
        assertThat(log.toString()).contains("(redone: model tokenizer.json changed)");
    }

    @Test
    void aDigestUnknownOnEitherSideCountsAsAChange() throws Exception {
        run();
        // a store written before weights were hashed: its manifest has "weights_sha256": null
        Path store = store("train.conllu");
        String manifest = Files.readString(store.resolve("manifest.json"));
        Files.writeString(store.resolve("manifest.json"),
                manifest.replaceFirst("\"weights_sha256\": \"[0-9a-f]{64}\"", "\"weights_sha256\": null"));
        run();
        assertThat(steps.extracts).singleElement().satisfies(r -> assertThat(r.out()).isEqualTo(store));
        assertThat(log.toString()).contains("(redone: the store records no checkpoint digest (written by an"
                + " older probe))");

        // a model folder without a checkpoint to hash: nothing can be called up to date
        Files.delete(tmp.resolve("model/model.safetensors"));
        run();
        assertThat(steps.extracts).hasSize(3);
        assertThat(log.toString()).contains("(redone: the model has no checkpoint to compare)");
    }

    @Test
    void unreadableOrForeignOutputsAreRedone() throws Exception {
        run();
        Files.writeString(store("train.conllu").resolve("manifest.json"), "{ not json");
        Files.writeString(tmp.resolve("run/runs/tiny/xpos/rank/ranking.json"), "[]");
        run();
        assertThat(steps.extracts).singleElement().satisfies(r -> assertThat(r.out()).isEqualTo(store("train.conllu")));
        assertThat(steps.ranks).extracting(RankRequest::out)
                .contains(tmp.resolve("run/runs/tiny/xpos/rank").toAbsolutePath());
        assertThat(log.toString()).contains("(redone: unreadable manifest").contains("no readable ranking.json");
    }

    @Test
    void failingStepStopsThePipelineNamingTheStep() throws Exception {
        steps.failWhen(r -> r.input().endsWith("dev.conllu"));
        assertThatThrownBy(this::run).isInstanceOf(ProbeException.class)
                .hasMessage("step extract tiny/dev.conllu failed: " + tmp.resolve("data/dev.conllu").toAbsolutePath()
                        + ":3: something is wrong");
        assertThat(steps.extracts).hasSize(2);
        assertThat(steps.ranks).isEmpty();
        assertThat(steps.comparisons).isEmpty();
        assertThat(log.toString()).contains("extract tiny/dev.conllu … failed");
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
