package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.io.Json;
import dev.probe.rank.RankingResult;
import dev.probe.report.Comparison;
import dev.probe.report.RankingFiles;
import dev.probe.report.SampleRankings;
import dev.probe.testing.CliRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Three literal rankings (2 layers × 8 neurons): bert/pos and bert/ner inside a pipeline folder
 * ({@code pipeline/runs/bert/<task>/rank/ranking.json}, four levels down), gpt2 in a folder not named rank.
 */
class CompareCommandTest {
    @TempDir
    static Path root;
    static Path pipeline;
    static Path gpt2;

    @BeforeAll
    static void writeRankings() throws IOException {
        pipeline = root.resolve("pipeline");
        gpt2 = root.resolve("other/gpt2-chunk");
        // pos: minimal {3, 9, 12, 1}; classes {3, 9, 12}, {1, 3}, {12, 15, 0}: J = 1/4, 1/5, 0 → mean 0.15
        write(pipeline.resolve("runs/bert/pos/rank"), SampleRankings.of("bert", "pos", new int[] {3, 9, 12, 1},
                List.of("NOUN", "VERB", "<other>"), new int[][] {{3, 9, 12}, {1, 3}, {12, 15, 0}}, 0.9, Double.NaN,
                false, true));
        // ner: minimal {3, 9, 5}; with pos: {3, 9} of {1, 3, 5, 9, 12} → J = 0.4; classes {3, 9}, {3, 5} → 1/3
        write(pipeline.resolve("runs/bert/ner/rank"), SampleRankings.of("bert", "ner", new int[] {3, 9, 5},
                List.of("PER", "LOC"), new int[][] {{3, 9}, {3, 5}}, 0.8, 0.3, true, false));
        // gpt2: one class, so no pair of classes
        write(gpt2, SampleRankings.of("gpt2", "chunk", new int[] {14, 15}, List.of("NP"), new int[][] {{14}}, 0.7,
                Double.NaN, false, false));
    }

    private static void write(Path dir, RankingResult r) throws IOException {
        Files.createDirectories(dir);
        Json.writer(RankingResult.class).writeValue(dir.resolve("ranking.json").toFile(), r);
    }

    private static CliRun compare(String... args) {
        CommandLine cli = new CommandLine(new CompareCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void markdownTableHasOneRowPerModelAndTask() {
        CliRun run = compare(pipeline.toString(), gpt2.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("# Comparison of 3 rankings\n")
                .contains("| model | task | oracle dev | oracle test | selectivity | minimal set | minimal % | top 10 % "
                        + "| random 10 % | bottom 10 % | layer entropy | bottom / middle / top | peak layer |")
                // layers {0, 1} split into thirds of 1 / 0 / 1 layers; {3, 9, 12, 1} has two neurons in each
                .contains("| bert | pos | 0.9000 | – | – | 4 | 25.0 % | 0.8000 | 0.7000 | 0.6000 | 1.00 / 1.00 "
                        + "| 50.0 % / 0.0 % / 50.0 % | 0 (2) |")
                // {3, 9, 5}: 2 in layer 0, 1 in layer 1 → H = 0.918 bits
                .contains("| bert | ner | 0.8000 | 0.7800 | 0.3000 | 3 | 18.8 % | 0.7000 | 0.6000 | 0.5000 | "
                        + "0.92 / 1.00 | 66.7 % / 0.0 % / 33.3 % | 0 (2) |")
                .contains("| gpt2 | gpt2-chunk | 0.7000 | – | – | 2 | 12.5 % |")
                .contains("## bert: minimal sets between tasks", "| ner | pos | 2 | 0.400 |")
                .contains("## bert: top neurons between classes", "| ner | 2 | 0.333 |", "| pos | 3 | 0.150 |")
                .contains("## gpt2: minimal sets between tasks", "Only one task for this model")
                .contains("| gpt2-chunk | 1 | – |")
                .doesNotContain("NaN", "## Problems");
        // rows sorted by model, then task
        assertThat(run.out().indexOf("| bert | ner |")).isLessThan(run.out().indexOf("| bert | pos |"));
        assertThat(run.out().indexOf("| bert | pos |")).isLessThan(run.out().indexOf("| gpt2 |"));
    }

    @Test
    void jsonHasTheRowsAndOverlapsAndReadsBack() throws IOException {
        CliRun run = compare("--json", pipeline.toString(), gpt2.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode tree = new ObjectMapper().readTree(run.out());
        assertThat(tree.get("rows")).hasSize(3);
        JsonNode ner = tree.get("rows").get(0);
        assertThat(ner.get("model").asText()).isEqualTo("bert");
        assertThat(ner.get("task").asText()).isEqualTo("ner");
        assertThat(ner.get("minimal_size").asInt()).isEqualTo(3);
        assertThat(ner.get("selectivity").asDouble()).isCloseTo(0.3, within(1e-12));
        assertThat(ner.get("peak_layer").asInt()).isZero();
        JsonNode bert = tree.get("models").get(0);
        assertThat(bert.get("model").asText()).isEqualTo("bert");
        assertThat(bert.get("minimal_sets").get(0).get("jaccard").asDouble()).isCloseTo(0.4, within(1e-12));
        assertThat(bert.get("between_classes").get(1).get("mean_jaccard").asDouble()).isCloseTo(0.15, within(1e-12));
        assertThat(tree.get("problems")).isEmpty();
        Comparison back = Json.reader(Comparison.class).readValue(run.out());
        assertThat(back).isEqualTo(Comparison.load(List.of(pipeline, gpt2)));
    }

    @Test
    void missingDirectoryExitsNonZeroButStillComparesTheRest() {
        Path missing = root.resolve("no-such-run");
        CliRun run = compare(pipeline.toString(), missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("probe compare: " + missing + ": no such file or directory");
        assertThat(run.out()).contains("| bert | pos |", "| bert | ner |", "## Problems");
    }

    @Test
    void corruptRankingExitsNonZeroNamingTheFile() throws IOException {
        Path bad = root.resolve("corrupt/rank/ranking.json");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "{\"format_version\": 1, \"inputs\": {\"model\": ");
        CliRun run = compare(gpt2.toString(), root.resolve("corrupt").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("probe compare: " + bad)
                .contains("not a valid ranking.json");
        assertThat(run.out()).contains("| gpt2 | gpt2-chunk |");
    }

    @Test
    void folderWithoutRankingExitsNonZero(@TempDir Path empty) throws IOException {
        Files.createDirectories(empty.resolve("a/b"));
        CliRun run = compare(empty.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("probe compare: " + empty + ": no ranking.json");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void outWritesMarkdownAndJson(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("cmp/summary.md");
        CliRun run = compare("--out", md.toString(), gpt2.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(md).content().isEqualTo(run.out());
        assertThat(dir.resolve("cmp/summary.json")).content().contains("\"model\": \"gpt2\"");
        // and the HTML page beside them, with its charts
        assertThat(dir.resolve("cmp/summary.html")).content().startsWith("<!DOCTYPE html>")
                .contains("<h1>Comparison: gpt2 × gpt2-chunk</h1>", "Overlap of minimal sets");
        for (String chart : List.of("accuracy.svg", "accuracy.png", "layers.svg", "layers.png")) {
            assertThat(dir.resolve("cmp/summary-" + chart)).isNotEmptyFile();
        }
    }

    @Test
    void htmlAloneWritesOnlyThePageAndItsCharts(@TempDir Path dir) throws IOException {
        Path page = dir.resolve("page.html");
        CliRun run = compare(pipeline.toString(), gpt2.toString(), "--html", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String content = Files.readString(page).replaceAll("(?s)<script>.*?</script>", "");
        assertThat(content).contains("<h1>Comparison: bert, gpt2 × ner, pos, gpt2-chunk</h1>",
                "<table class=\"heatmap\">").doesNotContain("NaN");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("page.html",
                    "page-accuracy.svg", "page-accuracy.png", "page-layers.svg", "page-layers.png");
        }
        assertThat(compare(gpt2.toString(), "--html", page.toString()).err()).contains("already exists; use --force");
        assertThat(compare(gpt2.toString(), "--html", page.toString(), "--force").exitCode()).isZero();
        assertThat(page).content().contains("<h1>Comparison: gpt2 × gpt2-chunk</h1>");
    }

    @Test
    void htmlWithOutPutsThePageWhereHtmlSays(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("tables/cmp.md");
        Path page = dir.resolve("site/index.html");
        CliRun run = compare(gpt2.toString(), "--out", md.toString(), "--html", page.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(md).exists();
        assertThat(dir.resolve("tables/cmp.json")).exists();
        assertThat(dir.resolve("tables/cmp.html")).doesNotExist();
        assertThat(page).content().contains("Comparison: gpt2");
        assertThat(dir.resolve("site/index-accuracy.png")).isNotEmptyFile();
    }

    @Test
    void aForeignPageBesideTheMarkdownIsNeverReplaced(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("cmp.md");
        Path foreign = Files.writeString(dir.resolve("cmp.html"), "<p>my page</p>");
        CliRun run = CliRun.run("compare", gpt2.toString(), "--out", md.toString(), "--force");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(foreign.toString(), "not a comparison page");
        assertThat(foreign).hasContent("<p>my page</p>");
        assertThat(md).doesNotExist();
        assertThat(dir.resolve("cmp.json")).doesNotExist();
    }

    @Test
    void usageErrorWithoutRunDir() {
        assertThat(compare().exitCode()).isEqualTo(2);
    }

    @Test
    void taskIsTheFolderAboveRankElseTheRankFolder() {
        assertThat(RankingFiles.task(Path.of("/x/runs/bert/pos/rank/ranking.json"))).isEqualTo("pos");
        assertThat(RankingFiles.task(Path.of("/x/pos-rank/ranking.json"))).isEqualTo("pos-rank");
    }
}
