package dev.probe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.corpus.CorpusFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.probe.activations.Aggregation;
import dev.probe.activations.store.StoreDtype;
import dev.probe.probe.ProbeOptions;
import dev.probe.rank.RankSettings;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and validating pipeline YAML files: every error is one line naming the file and the key. */
class PipelineConfigTest {
    @TempDir
    Path tmp;

    private Path conf;

    @BeforeEach
    void corpora() throws Exception {
        conf = tmp.resolve("conf");
        TestCorpora.conlluSlice(TestCorpora.EWT_TRAIN, 0, 5, tmp.resolve("data/train.conllu"));
        TestCorpora.conlluSlice(TestCorpora.EWT_DEV, 0, 3, tmp.resolve("data/dev.conllu"));
        TestCorpora.fakeModel(tmp.resolve("model"));
    }

    /** A valid configuration in {@code tmp/conf/}, with {@code extra} appended (YAML). */
    private Path config(String tasksAndMore) throws Exception {
        return TestCorpora.write(conf, "p.yaml", """
                run_dir: ../out
                models:
                  - name: tiny
                    model: ../model
                """ + tasksAndMore);
    }

    private static final String ONE_TASK = """
            tasks:
              - name: xpos
                column: xpos
                train: ../data/train.conllu
                dev: ../data/dev.conllu
            """;

    private ProbeException error(Path file) {
        try {
            PipelineConfig.load(file);
        } catch (ProbeException e) {
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(file.toString());
            return e;
        }
        throw new AssertionError("expected an error for " + file);
    }

    @Test
    void resolvesPathsAgainstTheConfigFolderAndAppliesDefaults() throws Exception {
        PipelineConfig c = PipelineConfig.load(config(ONE_TASK));
        assertThat(c.runDir()).isEqualTo(tmp.resolve("out").toAbsolutePath().normalize());
        assertThat(c.models()).singleElement().satisfies(m -> {
            assertThat(m.model()).isEqualTo(tmp.resolve("model").toAbsolutePath().normalize().toString());
            assertThat(m.layers()).isEmpty();
            assertThat(m.dtype()).isEqualTo(StoreDtype.FLOAT32);
            assertThat(m.aggregation()).isEqualTo(Aggregation.LAST);
        });
        PipelineConfig.TaskEntry task = c.tasks().get(0);
        assertThat(task.splits()).containsOnlyKeys("train", "dev");
        assertThat(task.splits().get("dev")).isEqualTo(tmp.resolve("data/dev.conllu").toAbsolutePath().normalize());
        assertThat(task.test()).isEmpty();
        assertThat(task.format()).isNull();
        assertThat(c.rank()).isEqualTo(RankSettings.defaults());
        assertThat(task.label()).isEqualTo("xpos");
        assertThat(c.store(c.models().get(0), "dev.conllu")).isEqualTo(c.runDir().resolve("stores/tiny/dev.conllu"));
        assertThat(c.rankDir(c.models().get(0), task)).isEqualTo(c.runDir().resolve("runs/tiny/xpos/rank"));
    }

    @Test
    void readsEveryOptionalKey() throws Exception {
        Path file = TestCorpora.write(conf, "full.yaml", """
                run_dir: /abs/run
                models:
                  - name: minilm            # an alias: no folder needed
                    layers: 0,3-4
                    dtype: fp16
                    aggregate: mean
                  - name: other
                    model: ../model
                    layers: [6, 0, 6]
                tasks:
                  - name: pos
                    format: conllu
                    column: 4
                    train: ../data/train.conllu
                    dev: ../data/dev.conllu
                    test: ../data/dev.conllu
                rank:
                  delta: 2.5
                  l1: 1e-4
                  l2: 0
                  grid: [0, 1e-4, 0.001]
                  control: true
                  seed: 7
                """);
        PipelineConfig c = PipelineConfig.load(file);
        assertThat(c.runDir()).isEqualTo(Path.of("/abs/run"));
        assertThat(c.models().get(0)).isEqualTo(new PipelineConfig.ModelEntry("minilm", "minilm", List.of(0, 3, 4),
                StoreDtype.FLOAT16, Aggregation.MEAN));
        assertThat(c.models().get(1).layers()).containsExactly(6, 0);
        assertThat(c.tasks().get(0).format()).isEqualTo(CorpusFormat.CONLLU);
        assertThat(c.tasks().get(0).column()).isEqualTo("4");
        assertThat(c.tasks().get(0).splits()).containsOnlyKeys("train", "dev", "test");
        assertThat(c.rank()).isEqualTo(new RankSettings(null, null, ProbeOptions.defaults().withPenalties(1e-4, 0).withSeed(7),
                2.5, List.of(0.0, 1e-4, 0.001), true));
    }

    @Test
    void gridTrueMeansTheCommandsDefaultGrid() throws Exception {
        PipelineConfig c = PipelineConfig.load(config(ONE_TASK + "rank:\n  grid: true\n"));
        assertThat(c.rank().grid()).containsExactly(0.0, 1e-5, 1e-4, 1e-3, 1e-2);
    }

    @Test
    void bundledDemoConfigNamesTheSamples() throws Exception {
        PipelineConfig c = PipelineConfig.load(Path.of("configs/demo.yaml"));
        assertThat(c.runDir()).isEqualTo(Path.of("runs/demo").toAbsolutePath().normalize());
        assertThat(c.models()).extracting(PipelineConfig.ModelEntry::model).containsExactly("minilm");
        assertThat(c.tasks()).extracting(PipelineConfig.TaskEntry::name).containsExactly("xpos", "deprel",
                "supersense");
        assertThat(c.tasks()).allSatisfy(t -> assertThat(t.splits()).containsOnlyKeys("train", "dev", "test"));
        assertThat(c.tasks().get(2).splits().get("train"))
                .isEqualTo(Path.of("data-samples/streusle/train.sample.tsv").toAbsolutePath().normalize());
        assertThat(c.rank().grid()).isNull();
        assertThat(c.rank().control()).isTrue();
    }

    @Test
    void fullEwtConfigNamesTheSharedData() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("../shared/data/ud-ewt")), "no ../shared/data here");
        PipelineConfig c = PipelineConfig.load(Path.of("configs/ewt-full.yaml"));
        assertThat(c.models()).extracting(PipelineConfig.ModelEntry::model).containsExactly("minilm", "bge-small");
        assertThat(c.tasks().get(0).splits().get("train"))
                .isEqualTo(Path.of("../shared/data/ud-ewt/en_ewt-ud-train.conllu").toAbsolutePath().normalize());
        assertThat(c.runDir()).isEqualTo(Path.of("runs/ewt-full").toAbsolutePath().normalize());
    }

    @Test
    void unknownKeyIsNamedWithItsLineAndColumn() throws Exception {
        Path file = config("""
                tasks:
                  - name: xpos
                    colum: xpos
                    train: ../data/train.conllu
                    dev: ../data/dev.conllu
                """);
        assertThat(error(file).getMessage())
                .startsWith(file + ":7: unknown key 'colum' at tasks[0].colum (column ")
                .contains("known keys there:").contains("column").contains("token_column");
        Path top = config(ONE_TASK + "ranks:\n  delta: 1\n");
        assertThat(error(top).getMessage()).startsWith(top + ":10: unknown key 'ranks' at ranks");
        Path rank = config(ONE_TASK + "rank:\n  detla: 1\n");
        assertThat(error(rank).getMessage()).contains("unknown key 'detla' at rank.detla");
    }

    @Test
    void missingFileNamesTheKeyPathAndThePath() throws Exception {
        Path file = config(ONE_TASK + """
                  - name: deprel
                    column: deprel
                    train: ../data/train.conllu
                    dev: ../data/nope.conllu
                """);
        assertThat(error(file).getMessage()).isEqualTo(file + ": tasks[1].dev: no such file '../data/nope.conllu' ("
                + tmp.resolve("data/nope.conllu").toAbsolutePath().normalize() + ")");
        Path model = TestCorpora.write(conf, "m.yaml", "run_dir: x\nmodels:\n  - name: m\n    model: ../gone\n"
                + ONE_TASK);
        assertThat(error(model).getMessage()).contains("models[0].model: no such model folder '../gone'")
                .contains("minilm");
    }

    @Test
    void rejectsOutOfRangeAndEmptySettings() throws Exception {
        assertThat(error(config(ONE_TASK + "rank:\n  delta: 150\n")).getMessage())
                .endsWith("rank.delta: must be a finite number between 0.0 and 100.0, found 150.0");
        assertThat(error(config(ONE_TASK + "rank:\n  delta: -0.5\n")).getMessage()).contains("rank.delta:");
        assertThat(error(config(ONE_TASK + "rank:\n  grid: []\n")).getMessage()).contains("rank.grid: empty list");
        assertThat(error(config(ONE_TASK + "rank:\n  grid: [0, x]\n")).getMessage()).contains("rank.grid[1]:");
        assertThat(error(config(ONE_TASK + "rank:\n  l1: -1\n")).getMessage()).contains("rank.l1:");
        assertThat(error(config(ONE_TASK + "rank:\n  delta: lots\n")).getMessage())
                .contains("wrong kind of value at rank.delta").contains("a number");
    }

    @Test
    void rejectsDuplicateAndMissingNames() throws Exception {
        Path models = TestCorpora.write(conf, "d.yaml", """
                run_dir: x
                models:
                  - name: minilm
                  - name: minilm
                    layers: 0
                """ + ONE_TASK);
        assertThat(error(models).getMessage()).endsWith("models[1].name: duplicate name 'minilm' (also models[0])");
        Path tasks = config(ONE_TASK + ONE_TASK.replace("tasks:\n", ""));
        assertThat(error(tasks).getMessage()).endsWith("tasks[1].name: duplicate name 'xpos' (also tasks[0])");
        assertThat(error(config(ONE_TASK.replace("name: xpos", "name: ../up"))).getMessage())
                .contains("tasks[0].name: '../up' must be");
        assertThat(error(config(ONE_TASK.replace("    train: ../data/train.conllu\n", ""))).getMessage())
                .contains("tasks[0].train: required");
    }

    @Test
    void rejectsConfigsWithoutModelsOrTasks() throws Exception {
        assertThat(error(TestCorpora.write(conf, "a.yaml", "run_dir: x\n" + ONE_TASK)).getMessage())
                .contains("models: at least one model");
        assertThat(error(TestCorpora.write(conf, "b.yaml", "run_dir: x\nmodels: []\n" + ONE_TASK)).getMessage())
                .contains("models: at least one model");
        assertThat(error(config("tasks: []\n")).getMessage()).contains("tasks: at least one task");
        assertThat(error(config("")).getMessage()).contains("tasks: at least one task");
        assertThat(error(TestCorpora.write(conf, "c.yaml", "models:\n  - name: m\n" + ONE_TASK)).getMessage())
                .contains("run_dir: required");
        assertThat(error(TestCorpora.write(conf, "e.yaml", "\n# nothing\n")).getMessage())
                .contains("empty configuration");
    }

    @Test
    void malformedYamlAndWrongShapesGiveTheLine() throws Exception {
        Path syntax = TestCorpora.write(conf, "s.yaml", "run_dir: x\nmodels:\n  - name: m: n\n");
        assertThat(error(syntax).getMessage()).startsWith(syntax + ":3: not valid YAML: mapping values are not allowed")
                .contains("(column ");
        Path shape = TestCorpora.write(conf, "t.yaml", "run_dir: x\nmodels: minilm\n" + ONE_TASK);
        assertThat(error(shape).getMessage()).startsWith(shape + ":2: wrong kind of value at models")
                .contains("expected a list");
        Path list = TestCorpora.write(conf, "l.yaml", "- run_dir: x\n");
        assertThat(error(list).getMessage()).contains("wrong kind of value at the top level")
                .contains("a mapping");
        Path twice = TestCorpora.write(conf, "u.yaml", "run_dir: x\nrun_dir: y\n");
        assertThat(error(twice).getMessage()).startsWith(twice + ":2:").contains("run_dir");
    }

    @Test
    void checksColumnsLayersAndTypesAgainstTheFormat() throws Exception {
        assertThat(error(config(ONE_TASK.replace("column: xpos", "column: colour"))).getMessage())
                .contains("tasks[0].column: unknown CoNLL-U column 'colour'");
        assertThat(error(config(ONE_TASK.replace("column: xpos", "column: xpos\n    format: csv"))).getMessage())
                .contains("tasks[0].format: unknown corpus format 'csv'");
        assertThat(error(config(ONE_TASK.replace("column: xpos", "column: xpos\n    token_column: 2")))
                .getMessage()).contains("tasks[0].token_column: applies to TSV corpora only");
        Path layers = TestCorpora.write(conf, "y.yaml", "run_dir: x\nmodels:\n  - name: minilm\n    layers: 1-x\n"
                + ONE_TASK);
        assertThat(error(layers).getMessage()).contains("models[0].layers: '1-x' is not a number or range");
        Path dtype = TestCorpora.write(conf, "z.yaml", "run_dir: x\nmodels:\n  - name: minilm\n    dtype: int8\n"
                + ONE_TASK);
        assertThat(error(dtype).getMessage()).contains("models[0].dtype: unknown dtype 'int8'");
        Path ext = TestCorpora.write(tmp.resolve("data"), "train.csv", "a\tb\n");
        assertThat(error(config(ONE_TASK.replace("../data/train.conllu", "../data/" + ext.getFileName())))
                .getMessage()).contains("tasks[0].train: cannot tell the corpus format");
    }

    @Test
    void missingConfigFileIsAnInputError() {
        assertThatThrownBy(() -> PipelineConfig.load(tmp.resolve("none.yaml")))
                .isInstanceOf(ProbeException.class).hasMessageEndingWith("none.yaml: no such configuration file");
    }
}
