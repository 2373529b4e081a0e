package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.testing.CliRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input ends with exit code 2, exactly one line on stderr naming the file (and line where there is one),
 * and no store (nor temporary folder) left behind.
 */
class ExtractErrorsTest {
    private static final Path GOOD_CORPUS = Path.of("data-samples/neurox/ewt-dev.sample.in");

    @TempDir
    Path tmp;

    private void assertFailsCleanly(String expectedInMessage, String... args) throws IOException {
        Path out = tmp.resolve("out");
        List<String> all = new ArrayList<>(List.of("extract", "-q", "--out", out.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(expectedInMessage);
        assertThat(run.out()).isEmpty();
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out"));
        }
    }

    private Path write(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A BERT folder (the fixture's config and weights) with no tokenizer file. */
    private Path folderWithoutTokenizer() throws Exception {
        Path fixture = Path.of(ExtractErrorsTest.class.getResource("/fixtures/bert").toURI());
        Path folder = Files.createDirectories(tmp.resolve("checkpoint"));
        Files.copy(fixture.resolve("config.json"), folder.resolve("config.json"));
        Files.copy(fixture.resolve("model.safetensors"), folder.resolve("model.safetensors"));
        return folder;
    }

    @Test
    void modelFolderWithoutTokenizer() throws Exception {
        Path folder = folderWithoutTokenizer();
        assertFailsCleanly(folder + ": no tokenizer: the folder has none of tokenizer.json, vocab.txt and spiece.model",
                "--input", GOOD_CORPUS.toString(), "--model", folder.toString());
    }

    @Test
    void garbageSpieceModel() throws Exception {
        Path folder = folderWithoutTokenizer();
        Files.write(folder.resolve("spiece.model"), new byte[] {0x0a, 0x7f, 0x01});
        assertFailsCleanly("spiece.model: not a SentencePiece model", "--input", GOOD_CORPUS.toString(), "--model",
                folder.toString());
        assertThat(folder.resolve("tokenizer.json")).doesNotExist();
    }

    @Test
    void emptyCorpus() throws IOException {
        Path corpus = write("empty.conllu", "# only a comment\n\n");
        assertFailsCleanly("empty.conllu", "--input", corpus.toString());
    }

    @Test
    void raggedConlluLine() throws IOException {
        Path corpus = write("ragged.conllu", "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tworld\tworld\tNOUN\n\n");
        assertFailsCleanly("ragged.conllu:2:", "--input", corpus.toString());
    }

    @Test
    void unknownColumnName() throws IOException {
        Path corpus = write("ok.conllu", "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
        assertFailsCleanly("postag", "--input", corpus.toString(), "--column", "postag");
    }

    @Test
    void neuroxLineCountMismatch() throws IOException {
        Path in = write("pair.in", "a b\nc d\n");
        write("pair.label", "X Y\n");
        assertFailsCleanly("pair", "--input", in.toString());
    }

    @Test
    void neuroxTokenCountMismatch() throws IOException {
        Path in = write("pair.in", "a b\nc d\n");
        write("pair.label", "X Y\nZ\n");
        assertFailsCleanly("pair.label:2:", "--input", in.toString());
    }

    @Test
    void missingModelFolder() throws IOException {
        assertFailsCleanly("no-such-model", "--input", GOOD_CORPUS.toString(), "--model", tmp.resolve("no-such-model").toString());
    }

    @Test
    void missingTokenizer() throws IOException {
        Path model = modelFolder(null);
        Files.delete(model.resolve("tokenizer.json"));
        assertFailsCleanly("tokenizer.json", "--input", GOOD_CORPUS.toString(), "--model", model.toString());
    }

    @Test
    void safetensorsHeaderLongerThanTheFile() throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000);
        Path model = modelFolder(bytes.array());
        assertFailsCleanly("model.safetensors: corrupt safetensors header", "--input", GOOD_CORPUS.toString(),
                "--model", model.toString());
    }

    @Test
    void safetensorsOverlappingOffsets() throws IOException {
        Path model = modelFolder(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12));
        assertFailsCleanly("overlap", "--input", GOOD_CORPUS.toString(), "--model", model.toString());
    }

    @Test
    void safetensorsOffsetsOutOfRange() throws IOException {
        Path model = modelFolder(safetensors("{\"a\":{\"dtype\":\"F32\",\"shape\":[1000],\"data_offsets\":[0,4000]}}", 8));
        assertFailsCleanly("outside the data section", "--input", GOOD_CORPUS.toString(), "--model", model.toString());
    }

    @Test
    void safetensorsUnsupportedDtype() throws IOException {
        Path model = modelFolder(safetensors("{\"a\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8));
        assertFailsCleanly("unsupported dtype I64", "--input", GOOD_CORPUS.toString(), "--model", model.toString());
    }

    @Test
    void existingOutputWithoutForce() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRun run = CliRun.run("extract", "-q", "--input", GOOD_CORPUS.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).contains(out.toString()).contains("--force");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun run = CliRun.run("extract", "-q", "--verbose", "--input", tmp.resolve("nope.conllu").toString(),
                "--out", tmp.resolve("out").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.conllu").contains("\tat dev.probe.");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.run("extract", "-i", "a.conllu", "-o", "out", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-option");
    }

    /** A BERT folder with the golden fixture's config, the given checkpoint bytes (or the fixture's) and a tokenizer. */
    private Path modelFolder(byte[] checkpoint) throws IOException {
        Path folder = tmp.resolve("model");
        Files.createDirectories(folder);
        Path fixture = Path.of("src/test/resources/fixtures/bert");
        Files.copy(fixture.resolve("config.json"), folder.resolve("config.json"));
        if (checkpoint == null) {
            Files.copy(fixture.resolve("model.safetensors"), folder.resolve("model.safetensors"));
        } else {
            Files.write(folder.resolve("model.safetensors"), checkpoint);
        }
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, folder.resolve("tokenizer.json"));
        }
        return folder;
    }

    private static byte[] safetensors(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            b.put((byte) ' ');
        }
        return b.array();
    }
}
