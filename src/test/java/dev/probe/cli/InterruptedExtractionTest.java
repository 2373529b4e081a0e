package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.testing.CliRun;
import dev.probe.testing.Subprocess;
import dev.probe.testing.TinyBert;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted extractions, in a separate JVM: {@code kill -9} then {@code --resume} gives the same bytes as an
 * uninterrupted run; SIGTERM saves a checkpoint and says how to resume; SIGTERM before any checkpoint leaves nothing;
 * the next run without {@code --resume} clears what an interrupted one left.
 */
class InterruptedExtractionTest {
    private static final int SENTENCES = 5_000;
    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path tmp;

    private Path model;
    private Path corpus;

    @BeforeEach
    void setUp() throws IOException {
        model = TinyBert.folder(tmp.resolve("model"));
        corpus = TinyBert.corpus(tmp.resolve("corpus.conllu"), SENTENCES, 7);
    }

    private String[] args(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("extract", "-q", "--model", model.toString(), "--input",
                corpus.toString(), "--out", out.toString(), "--threads", "1", "--batch-size", "8"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private Path reference() {
        Path ref = tmp.resolve("reference");
        CliRun run = CliRun.run(args(ref));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ref;
    }

    @Test
    void killMinus9ThenResumeGivesTheBytesOfAnUninterruptedRun() throws Exception {
        Path out = tmp.resolve("out");
        Path checkpoint = tmp.resolve(".out.tmp/checkpoint.json");
        Process p = Subprocess.start(tmp.resolve("stderr.txt"), args(out, "--checkpoint-every", "100"));
        assertThat(Subprocess.awaitFile(p, checkpoint, LIMIT)).as(stderr()).isTrue();
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(p.waitFor()).isEqualTo(137);
        assertThat(out).as("killed before it finished").doesNotExist();
        assertThat(checkpoint).exists();

        CliRun changed = CliRun.run(args(out, "--resume", "--layers", "1"));
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.errLines()).hasSize(1);
        assertThat(changed.errLines().get(0)).contains(out.toString()).contains("used other inputs, model or settings");
        assertThat(checkpoint).as("a refused resume keeps the checkpoint").exists();

        CliRun resumed = CliRun.run(args(out, "--resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertSameStore(out, reference());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void sigtermSavesACheckpointAndTheNextPlainRunStartsOver() throws Exception {
        Path out = tmp.resolve("out");
        Path checkpoint = tmp.resolve(".out.tmp/checkpoint.json");
        Process p = Subprocess.start(tmp.resolve("stderr.txt"), args(out, "--checkpoint-every", "100"));
        assertThat(Subprocess.awaitFile(p, checkpoint, LIMIT)).as(stderr()).isTrue();
        p.destroy(); // SIGTERM: the shutdown hook runs
        assertThat(p.waitFor()).isEqualTo(143);
        assertThat(out).doesNotExist();
        assertThat(checkpoint).exists();
        assertThat(stderr()).contains("interrupted; the finished batches are saved in").contains("--resume");

        CliRun again = CliRun.run(args(out));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertSameStore(out, reference());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aSecondProcessIsRefusedAndSigtermBeforeAnyCheckpointLeavesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Process p = Subprocess.start(tmp.resolve("stderr.txt"), args(out, "--checkpoint-every", "1000000"));
        assertThat(Subprocess.awaitFile(p, tmp.resolve(".out.tmp/activations.npy"), LIMIT)).as(stderr()).isTrue();
        CliRun second = CliRun.run(args(out));
        assertThat(second.exitCode()).isEqualTo(2);
        assertThat(second.errLines()).singleElement().asString().contains(out.toString())
                .contains("is being written by another probe process (pid " + p.pid() + ")");
        p.destroy();
        assertThat(p.waitFor()).isEqualTo(143);
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void sigtermDuringAModelImportLeavesNothing() throws Exception {
        Path onnx = tmp.resolve("minilm.onnx");
        try (InputStream in = InterruptedExtractionTest.class.getResourceAsStream("/all-minilm-l6-v2.onnx")) {
            Files.copy(in, onnx);
        }
        Path tokenizer = tmp.resolve("tokenizer.json");
        try (InputStream in = InterruptedExtractionTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, tokenizer);
        }
        Path out = tmp.resolve("out");
        Process p = Subprocess.start(tmp.resolve("stderr.txt"), "models", "import-onnx", onnx.toString(),
                "--tokenizer", tokenizer.toString(), "--out", out.toString());
        assertThat(Subprocess.awaitFile(p, tmp.resolve(".out.tmp"), LIMIT)).as(stderr()).isTrue();
        p.destroy();
        assertThat(p.waitFor()).isEqualTo(143);
        assertThat(out).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    private String stderr() throws IOException {
        Path file = tmp.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private List<String> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    /** Same matrix and tokens, byte for byte; same manifest but for when and by which JVM it was written. */
    static void assertSameStore(Path actual, Path expected) throws IOException {
        for (String file : List.of("activations.npy", "tokens.tsv")) {
            assertThat(Files.mismatch(actual.resolve(file), expected.resolve(file))).as(file).isEqualTo(-1L);
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(actual.resolve("manifest.json").toFile());
        JsonNode e = json.readTree(expected.resolve("manifest.json").toFile());
        for (JsonNode m : List.of(a, e)) {
            ((ObjectNode) m).remove("tool");
        }
        assertThat(a).isEqualTo(e);
        try (Stream<Path> files = Files.list(actual)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("activations.npy", "manifest.json", "tokens.tsv");
        }
    }
}
