package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code probe run} black-box: the whole pipeline for real on a tiny corpus (the second run skips every step), and
 * configuration errors and failing steps ending with one stderr line and exit 2.
 */
class RunCommandTest {
    /** {@code probe run args…}, registering the command if ProbeCommand does not list it yet. */
    private static CliRun run(String... args) {
        CommandLine cli = ProbeCommand.newCommandLine();
        if (!cli.getSubcommands().containsKey("run")) {
            cli.addSubcommand("run", new RunCommand());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "run";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cli.execute(all);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static Path corpus(Path dir) throws Exception {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve("train.conllu"),
                "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\n", StandardCharsets.UTF_8);
    }

    /** The first {@code n} sentences of a CoNLL-U file. */
    private static Path firstSentences(Path source, int n, Path out) throws Exception {
        String[] sentences = Files.readString(source, StandardCharsets.UTF_8).split("\n\n");
        Files.createDirectories(out.getParent());
        return Files.writeString(out, String.join("\n\n", java.util.Arrays.copyOf(sentences, n)) + "\n\n",
                StandardCharsets.UTF_8);
    }

    @Test
    void runsExtractRankCompareThenFindsEverythingUpToDate(@TempDir Path tmp) throws Exception {
        firstSentences(Path.of("data-samples/ud-ewt/en_ewt-ud-train.sample.conllu"), 20, tmp.resolve("d/train.conllu"));
        firstSentences(Path.of("data-samples/ud-ewt/en_ewt-ud-dev.sample.conllu"), 8, tmp.resolve("d/dev.conllu"));
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), """
                run_dir: run
                models:
                  - name: minilm
                tasks:
                  - name: deprel
                    column: deprel
                    train: d/train.conllu
                    dev: d/dev.conllu
                rank:
                  control: true
                """);
        CliRun first = run("--config", config.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.errLines()).hasSize(4).allMatch(l -> l.contains(" … done in "));
        assertThat(first.out()).startsWith("# Comparison of 1 ranking").contains("| minilm | deprel |");
        assertThat(tmp.resolve("run/runs/minilm/deprel/rank/ranking.json")).isRegularFile();
        assertThat(tmp.resolve("run/comparison.json")).isRegularFile();
        assertThat(tmp.resolve("run/comparison.html")).content().contains("<h1>Comparison: minilm × deprel</h1>");
        assertThat(tmp.resolve("run/comparison-accuracy.png")).isNotEmptyFile();

        CliRun second = run("--config", config.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.errLines()).containsExactly("extract minilm/train.conllu … up to date",
                "extract minilm/dev.conllu … up to date", "rank minilm/deprel … up to date",
                second.errLines().get(3));
        assertThat(second.errLines().get(3)).startsWith("compare 1 ranking … done in ");
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void unknownKeyIsOneLineWithFileAndLine(@TempDir Path tmp) throws Exception {
        corpus(tmp);
        Path config = Files.writeString(tmp.resolve("p.yaml"), """
                run_dir: run
                models:
                  - name: minilm
                    dtpye: float16
                tasks:
                  - name: pos
                    train: train.conllu
                    dev: train.conllu
                """);
        CliRun run = run("--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("probe: " + config
                + ":4: unknown key 'dtpye' at models[0].dtpye (column 5); known keys there: "
                + "aggregate, dtype, layers, model, name, random_init");
        assertThat(run.out()).isEmpty();
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void missingConfigAndMissingOptionAreUsageErrors(@TempDir Path tmp) {
        CliRun missing = run("--config", tmp.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).containsExactly("probe: " + tmp.resolve("nope.yaml")
                + ": no such configuration file");
        assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void failingStepStopsWithExitTwoNamingTheStep(@TempDir Path tmp) throws Exception {
        corpus(tmp.resolve("data"));
        // a "model" with a config.json but no tokenizer or weights: the pipeline accepts it, extract does not
        Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(tmp.resolve("broken/config.json"), "{\"model_type\": \"bert\", \"num_hidden_layers\": 1}");
        Path config = Files.writeString(tmp.resolve("p.yaml"), """
                run_dir: run
                models:
                  - name: broken
                tasks:
                  - name: pos
                    train: data/train.conllu
                    dev: data/train.conllu
                """);
        CliRun run = run("--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).isEqualTo("extract broken/train.conllu … failed");
        assertThat(run.errLines().get(1)).startsWith("probe: step extract broken/train.conllu failed: ")
                .contains(tmp.resolve("broken").toString());
        assertThat(run.out()).isEmpty();
        assertThat(tmp.resolve("run/stores/broken/train.conllu")).doesNotExist();
    }
}
