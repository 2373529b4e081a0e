package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.activations.store.StoreDtype;
import dev.probe.io.Json;
import dev.probe.io.OutputLock;
import dev.probe.probe.SyntheticStores;
import dev.probe.rank.RankingResult;
import dev.probe.report.SampleRankings;
import dev.probe.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "Why" items 1, 2 and 7: {@code --force} never deletes what is not this tool's output of the same kind, nor
 * the working directory, nor an input; a second writer of one output is refused naming the first; nothing is written
 * before the inputs are validated; missing numbers are JSON {@code null}. Each refusal: exit 2, one stderr line naming
 * the output, nothing left behind, and the refused folder or file intact.
 */
class SafeOutputsTest {
    @TempDir
    Path tmp;

    private final SyntheticStores.Data data = SyntheticStores.blobs(60, 8, 2, 3.0, 5);

    /** Exit 2, one line naming {@code named}, and no hidden work folder left in {@code tmp}. */
    private void assertRefused(CliRun run, Object named, String reason) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(named.toString()).contains(reason);
        assertThat(hidden()).isEmpty();
    }

    private List<String> hidden() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                files.put(dir.relativize(p).toString(), Files.isRegularFile(p)
                        ? Long.toString(Files.size(p)) + ":" + Files.readString(p, StandardCharsets.ISO_8859_1).hashCode()
                        : "dir");
            }
        }
        return files;
    }

    private Path corpus(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
    }

    @Test
    void forceNeverWritesOverTheWorkingDirectoryOrAFolderAboveIt() throws IOException {
        Path input = corpus(tmp.resolve("c.conllu"));
        Path cwd = Path.of("").toAbsolutePath();
        for (String out : List.of(".", "..", cwd.toString(), "src/..")) {
            CliRun run = CliRun.run("extract", "-q", "--force", "--input", input.toString(), "--out", out);
            assertRefused(run, out, "is the working directory or a folder above it");
        }
        assertThat(cwd.resolve("pom.xml")).exists();
        assertThat(input).exists();
    }

    @Test
    void forceNeverReplacesAFolderHoldingAnInput() throws IOException {
        Path dir = tmp.resolve("data");
        Path input = corpus(dir.resolve("c.conllu"));
        Map<String, String> before = snapshot(dir);
        CliRun run = CliRun.run("extract", "-q", "--force", "--input", input.toString(), "--out", dir.toString());
        assertRefused(run, dir, "holds an input of this command");
        assertThat(snapshot(dir)).isEqualTo(before);
    }

    @Test
    void trainNeverReplacesItsOwnTrainingStore() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        Path dev = SyntheticStores.write(tmp.resolve("dev"), data, StoreDtype.FLOAT32);
        Map<String, String> before = snapshot(train);
        CliRun run = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--out",
                train.toString(), "--force");
        assertRefused(run, train, "is an input of this command");
        assertThat(snapshot(train)).isEqualTo(before);
    }

    @Test
    void forceNeverReplacesAnotherKindOfOutputOrAForeignFolder() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        Path dev = SyntheticStores.write(tmp.resolve("dev"), data, StoreDtype.FLOAT32);
        Path other = SyntheticStores.write(tmp.resolve("other-store"), data, StoreDtype.FLOAT32);
        Path foreign = Files.createDirectories(tmp.resolve("thesis"));
        Files.writeString(foreign.resolve("chapter1.tex"), "precious");
        Map<String, String> otherBefore = snapshot(other);
        CliRun run = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--out",
                other.toString(), "--force");
        assertRefused(run, other, "is an activation store, not a probe folder");
        assertThat(snapshot(other)).isEqualTo(otherBefore);
        run = CliRun.run("train", "-q", "--train", train.toString(), "--dev", dev.toString(), "--out",
                foreign.toString(), "--force");
        assertRefused(run, foreign, "is not a probe folder written by probe");
        assertThat(foreign.resolve("chapter1.tex")).hasContent("precious");
    }

    @Test
    void trainWithForceReplacesItsOwnProbe() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        Path dev = SyntheticStores.write(tmp.resolve("dev"), data, StoreDtype.FLOAT32);
        Path probe = tmp.resolve("probe");
        String[] args = {"train", "-q", "--train", train.toString(), "--dev", dev.toString(),
            "--out", probe.toString()};
        assertThat(CliRun.run(args).exitCode()).isZero();
        CliRun again = CliRun.run(args);
        assertRefused(again, probe, "already exists; use --force");
        CliRun forced = CliRun.run(Stream.concat(Stream.of(args), Stream.of("--force")).toArray(String[]::new));
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(hidden()).isEmpty();
    }

    @Test
    void compareOutNeverOverwritesAFileItDidNotWrite() throws IOException {
        Path rank = ranking(tmp.resolve("rank"), 0.4);
        Path notes = Files.writeString(tmp.resolve("notes.md"), "my notes");
        CliRun run = CliRun.run("compare", rank.toString(), "--out", notes.toString());
        assertRefused(run, notes, "already exists; use --force");
        run = CliRun.run("compare", rank.toString(), "--out", notes.toString(), "--force");
        assertRefused(run, notes, "was not written by probe compare");
        assertThat(notes).hasContent("my notes");
        assertThat(tmp.resolve("notes.json")).doesNotExist();

        Path table = tmp.resolve("table.md");
        assertThat(CliRun.run("compare", rank.toString(), "--out", table.toString()).exitCode()).isZero();
        assertThat(CliRun.run("compare", rank.toString(), "--out", table.toString(), "--force").exitCode()).isZero();
        assertThat(tmp.resolve("table.json")).exists();
        assertThat(hidden()).isEmpty();
    }

    @Test
    void compareWithABadRankingWritesNothing() throws IOException {
        Path rank = ranking(tmp.resolve("rank"), 0.4);
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("ranking.json"), "{\"format_version\": 1,");
        Path table = tmp.resolve("table.md");
        CliRun run = CliRun.run("compare", rank.toString(), broken.toString(), "--out", table.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().contains("ranking.json");
        assertThat(table).doesNotExist();
        assertThat(tmp.resolve("table.json")).doesNotExist();
        assertThat(hidden()).isEmpty();
    }

    @Test
    void aSecondWriterOfOneOutputIsRefusedNamingTheOutputAndTheFirstProcess() throws Exception {
        Path input = corpus(tmp.resolve("c.conllu"));
        Path out = tmp.resolve("store");
        Path rank = ranking(tmp.resolve("rank"), 0.4);
        Path table = tmp.resolve("table.md");
        String pid = "pid " + ProcessHandle.current().pid();
        try (OutputLock first = OutputLock.acquire(out); OutputLock second = OutputLock.acquire(table)) {
            CliRun run = CliRun.run("extract", "-q", "--input", input.toString(), "--out", out.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString().contains(out.toString())
                    .contains("is being written by another probe process (" + pid + ")");
            run = CliRun.run("compare", rank.toString(), "--out", table.toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString().contains(table.toString()).contains(pid);
            assertThat(first.workFolder()).exists();
        }
        assertThat(out).doesNotExist();
        assertThat(table).doesNotExist();
    }

    @Test
    void missingNumbersAreJsonNullNeverTheStringNaN() throws Exception {
        Path rank = ranking(tmp.resolve("rank"), Double.NaN);
        String written = Files.readString(rank.resolve("ranking.json"));
        assertThat(written).contains("\"selectivity\": null").doesNotContain("NaN");
        CliRun run = CliRun.run("compare", "--json", rank.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"selectivity\": null").doesNotContain("NaN").doesNotContain("Infinity");
        RankingResult back = Json.reader(RankingResult.class).readValue(written);
        assertThat(back.oracle().selectivity()).isNaN();
    }

    private static Path ranking(Path dir, double selectivity) throws IOException {
        Files.createDirectories(dir);
        RankingResult r = SampleRankings.of("bert", "pos", new int[] {3, 9}, List.of("NOUN", "VERB"),
                new int[][] {{3}, {9}}, 0.9, selectivity, false, true);
        Files.writeString(dir.resolve("ranking.json"), Json.writer(RankingResult.class).writeValueAsString(r));
        return dir;
    }
}
