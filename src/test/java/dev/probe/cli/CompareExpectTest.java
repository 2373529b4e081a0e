package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.io.Json;
import dev.probe.rank.RankingResult;
import dev.probe.report.SampleRankings;
import dev.probe.testing.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code probe compare --expect}: exit 0 when every expectation holds, 3 when one fails (named on stderr, after the
 * comparison was printed and written), 2 when one is malformed or names an unknown field (nothing printed or written).
 * Two literal rankings: bert/pos (oracle dev 0.9, no selectivity) and bert/ner (0.8, selectivity 0.3).
 */
class CompareExpectTest {
    @TempDir
    static Path root;
    static Path runs;

    @BeforeAll
    static void writeRankings() throws IOException {
        runs = root.resolve("runs");
        write(runs.resolve("bert/pos/rank"), SampleRankings.of("bert", "pos", new int[] {3, 9, 12, 1},
                List.of("NOUN", "VERB"), new int[][] {{3, 9}, {1, 3}}, 0.9, Double.NaN, false, false));
        write(runs.resolve("bert/ner/rank"), SampleRankings.of("bert", "ner", new int[] {3, 9, 5},
                List.of("PER", "LOC"), new int[][] {{3, 9}, {3, 5}}, 0.8, 0.3, true, false));
    }

    private static void write(Path dir, RankingResult r) throws IOException {
        Files.createDirectories(dir);
        Json.writer(RankingResult.class).writeValue(dir.resolve("ranking.json").toFile(), r);
    }

    private static CliRun probe(String... args) {
        CommandLine cli = ProbeCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static CliRun compare(String... more) {
        List<String> args = new ArrayList<>(List.of("compare", runs.toString()));
        args.addAll(List.of(more));
        return probe(args.toArray(String[]::new));
    }

    @Test
    void allExpectationsHoldExitsZeroAndSaysSo() {
        CliRun run = compare("--expect", "rows[task=pos].oracle_dev >= 0.9", "--expect", "count(rows) == 2",
                "--expect", "rows[*].minimal_size <= 4");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("| bert | pos |");
        assertThat(run.errLines()).containsExactly(
                "probe compare: expectation met: rows[task=pos].oracle_dev >= 0.9 "
                        + "(rows[model=bert,task=pos].oracle_dev = 0.9)",
                "probe compare: expectation met: count(rows) == 2 (count = 2)",
                "probe compare: expectation met: rows[*].minimal_size <= 4 (rows[model=bert,task=ner].minimal_size = 3; "
                        + "rows[model=bert,task=pos].minimal_size = 4)");
        assertThat(compare("--quiet", "--expect", "count(rows) == 2").err()).isEmpty();
    }

    @Test
    void aFailedExpectationExitsThreeNamingItAfterWritingTheComparison() {
        Path md = root.resolve("gate/cmp.md");
        CliRun run = compare("--out", md.toString(), "--expect", "rows[*].oracle_dev >= 0.85", "--expect",
                "count(problems) == 0", "--expect", "rows[task=ner].selectivity > 0.5");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly(
                "probe compare: expectation failed: rows[*].oracle_dev >= 0.85 "
                        + "(rows[model=bert,task=ner].oracle_dev = 0.8; rows[model=bert,task=pos].oracle_dev = 0.9)",
                "probe compare: expectation met: count(problems) == 0 (count = 0)",
                "probe compare: expectation failed: rows[task=ner].selectivity > 0.5 "
                        + "(rows[model=bert,task=ner].selectivity = 0.3)");
        assertThat(run.out()).contains("| bert | ner |");
        // the artifacts exist for the CI to upload
        assertThat(md).isRegularFile();
        assertThat(root.resolve("gate/cmp.json")).isRegularFile();
        assertThat(root.resolve("gate/cmp.html")).isRegularFile();
    }

    @Test
    void aNotMeasuredValueFails() {
        CliRun run = compare("--quiet", "--expect", "rows[task=pos].selectivity >= 0");
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).containsExactly("probe compare: expectation failed: rows[task=pos].selectivity >= 0 "
                + "(rows[model=bert,task=pos].selectivity = null (not measured))");
    }

    @Test
    void aMalformedExpectationExitsTwoBeforeReadingAnything() {
        Path md = root.resolve("malformed/cmp.md");
        CliRun run = compare("--out", md.toString(), "--expect", "count(rows) == 2", "--expect",
                "rows[0].oracle_dev => 0.9");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("probe: --expect 'rows[0].oracle_dev => 0.9': not of the form PATH OP NUMBER");
        assertThat(run.out()).isEmpty();
        assertThat(md.getParent()).doesNotExist();
    }

    @Test
    void anUnknownFieldExitsTwoWithNothingPrintedOrWritten() {
        Path md = root.resolve("unknown/cmp.md");
        CliRun run = compare("--out", md.toString(), "--expect", "count(rows) == 2", "--expect",
                "rows[task=pos].oracle_accuracy > 0.5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("probe: --expect 'rows[task=pos].oracle_accuracy > 0.5': unknown field "
                        + "'rows[model=bert,task=pos].oracle_accuracy'; known fields there: model, task, path,");
        assertThat(run.out()).isEmpty();
        assertThat(md.getParent()).doesNotExist();
    }

    @Test
    void unreadableInputsStayExitTwoWhateverTheExpectations() {
        CliRun run = probe("compare", runs.toString(), root.resolve("missing").toString(), "--expect",
                "count(rows) == 99");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("expectation");
    }
}
