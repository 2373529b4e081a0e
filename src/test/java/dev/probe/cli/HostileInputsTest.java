package dev.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.probe.activations.store.StoreDtype;
import dev.probe.io.Hashes;
import dev.probe.probe.SyntheticStores;
import dev.probe.testing.CliRun;
import dev.probe.testing.TinyBert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, "Why" items 3 to 5: inputs that used to be read wrongly, to end with exit 1, a stack trace, an
 * out-of-memory error or a two-line message now end with exit 2 and one stderr line naming the file (or are read
 * right), and leave nothing behind.
 */
class HostileInputsTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    /** Exit 2, one stderr line naming {@code file} and saying {@code reason}, no output folder, no hidden leftovers. */
    private void assertFailsCleanly(CliRun run, Object file, String reason) throws IOException {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).as(run.err()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("probe: ").contains(file.toString()).contains(reason)
                .doesNotContain("[Source:").doesNotContain("dev.probe.").doesNotContain("Exception");
        assertThat(tmp.resolve("out")).doesNotExist();
        try (Stream<Path> s = Files.walk(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out"));
        }
    }

    private Path corpus() throws IOException {
        return Files.writeString(tmp.resolve("c.conllu"), "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
    }

    private CliRun extract(Path model, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("extract", "-q", "--model", model.toString(), "--input",
                corpus().toString(), "--out", tmp.resolve("out").toString()));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    private Path modelWithConfig(String key, Object value) throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model-" + key + value));
        ObjectNode config = (ObjectNode) json.readTree(model.resolve("config.json").toFile());
        config.set(key, json.valueToTree(value));
        json.writeValue(model.resolve("config.json").toFile(), config);
        return model;
    }

    // ------------------------------------------------------------------ 3. silently wrong

    @Test
    void crOnlyAndCrlfLineEndingsReadAsLines() throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model"));
        for (String eol : List.of("\r", "\r\n")) {
            Path tsv = Files.writeString(tmp.resolve("cr.tsv"), String.join(eol, "the\tDT", "cat\tNN", "", "a\tDT",
                    "dog\tNN", "barks\tVBZ") + eol);
            CliRun run = CliRun.run("extract", "-q", "--model", model.toString(), "--input", tsv.toString(), "--out",
                    tmp.resolve("store").toString(), "--force");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("sentences\t2\n").contains("words\t5\n");
        }
    }

    @Test
    void conlluContentInAConllFileIsNotGuessedAt() throws IOException {
        Path conll = Files.writeString(tmp.resolve("ewt.conll"), "# sent_id = 1\n"
                + "1\tHello\thello\tINTJ\tUH\t_\t0\troot\t_\t_\n\n");
        CliRun run = CliRun.run("extract", "-q", "--input", conll.toString(), "--out", tmp.resolve("out").toString());
        assertFailsCleanly(run, conll + ":2:", "looks like CoNLL-U");
        assertThat(run.err()).contains("--format conllu");
    }

    @Test
    void aFifoIsReadOnceAndHashedAsRead() throws Exception {
        Path fifo = tmp.resolve("pipe.conllu");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo");
        Path model = TinyBert.folder(tmp.resolve("model"));
        String text = "1\tthe\tthe\tDET\tDT\t_\t0\troot\t_\t_\n2\tcat\tcat\tNOUN\tNN\t_\t1\tdep\t_\t_\n\n";
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path store = tmp.resolve("store");
        CliRun run = CliRun.run("extract", "-q", "--model", model.toString(), "--input", fifo.toString(), "--out",
                store.toString());
        writer.get();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(store.resolve("manifest.json")))
                .contains(Hashes.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ 4. exit 1 or stack traces

    @Test
    void zeroOrNegativeSizesInConfigJson() throws IOException {
        Path model = modelWithConfig("num_attention_heads", 0);
        assertFailsCleanly(extract(model), model.resolve("config.json"), "'num_attention_heads' must be between 1");
        model = modelWithConfig("num_attention_heads", -4);
        assertFailsCleanly(extract(model), model.resolve("config.json"), "'num_attention_heads' must be between 1");
        model = modelWithConfig("num_hidden_layers", -1);
        assertFailsCleanly(extract(model), model.resolve("config.json"), "'num_hidden_layers' must be between 1");
    }

    @Test
    void aSafetensorsShapeWhoseByteCountOverflows() throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model"));
        long big = 1L << 40;
        byte[] header = ("{\"w\":{\"dtype\":\"F32\",\"shape\":[" + big + "," + big + "],\"data_offsets\":[0,4]}}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header).putInt(0);
        Files.write(model.resolve("model.safetensors"), file.array());
        assertFailsCleanly(extract(model), model.resolve("model.safetensors"), "more bytes than a file can hold");
    }

    @Test
    void aTokenizerWhoseIdsExceedTheVocabulary() throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model"));
        try (InputStream in = HostileInputsTest.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            Files.copy(in, model.resolve("tokenizer.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        assertFailsCleanly(extract(model), model.resolve("tokenizer.json"),
                "has token id 30521 but the model's vocab_size is 1000");
    }

    @Test
    void anNpyHeaderWithATwentyThreeDigitDimension() throws Exception {
        Path store = SyntheticStores.write(tmp.resolve("store"), SyntheticStores.blobs(20, 4, 2, 1, 1),
                StoreDtype.FLOAT32);
        Path npy = store.resolve("activations.npy");
        Files.write(npy, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (12345678901234567890123, 4), }"));
        CliRun run = CliRun.run("inspect", store.toString());
        assertFailsCleanly(run, npy, "a dimension of 23 digits is implausible");
    }

    @Test
    void aNeuronIdBeyondTheStoreInProbeJson() throws Exception {
        SyntheticStores.Data data = SyntheticStores.blobs(60, 8, 2, 3.0, 5);
        Path train = SyntheticStores.write(tmp.resolve("train"), data, StoreDtype.FLOAT32);
        Path probe = tmp.resolve("probe");
        CliRun trained = CliRun.run("train", "-q", "--train", train.toString(), "--dev",
                train.toString(), "--out", probe.toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        ObjectNode report = (ObjectNode) json.readTree(probe.resolve("probe.json").toFile());
        ((ArrayNode) report.get("neurons")).set(7, json.getNodeFactory().numberNode(4000));
        json.writeValue(probe.resolve("probe.json").toFile(), report);
        CliRun run = CliRun.run("eval", "--probe", probe.toString(), "--store", train.toString());
        assertFailsCleanly(run, probe.resolve("probe.json"), "lists neuron 4000 but the store");
    }

    @Test
    void absurdOptionValues() throws Exception {
        Path train = SyntheticStores.write(tmp.resolve("train"), SyntheticStores.blobs(20, 4, 2, 1, 1),
                StoreDtype.FLOAT32);
        CliRun run = CliRun.run("train", "-q", "--epochs", "2147483647", "--train", train.toString(), "--split",
                "80/20", "--out", tmp.resolve("out").toString());
        assertFailsCleanly(run, "--epochs", "must be between 0 and 100000, found 2147483647");
        run = CliRun.run("extract", "-q", "--input", corpus().toString(), "--batch-size", "2147483647", "--out",
                tmp.resolve("out").toString());
        assertFailsCleanly(run, "--batch-size", "must be between 1 and");
    }

    @Test
    void devZeroAsInput() throws IOException {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.exists(zero));
        CliRun run = CliRun.run("extract", "-q", "--input", "/dev/zero", "--format", "tsv", "--out",
                tmp.resolve("out").toString());
        assertFailsCleanly(run, "/dev/zero:1:", "line longer than 1048576 bytes");
        run = CliRun.run("extract", "-q", "--input", "/dev/zero", "--out", tmp.resolve("out").toString());
        assertFailsCleanly(run, "/dev/zero", "cannot tell the corpus format");
    }

    @Test
    void configAndTokenizerLinkedToDevZero() throws IOException {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path model = TinyBert.folder(tmp.resolve("model"));
        Files.delete(model.resolve("tokenizer.json"));
        Files.createSymbolicLink(model.resolve("tokenizer.json"), Path.of("/dev/zero"));
        assertFailsCleanly(extract(model), model.resolve("tokenizer.json"), "is not a regular file");
        Files.delete(model.resolve("config.json"));
        Files.createSymbolicLink(model.resolve("config.json"), Path.of("/dev/zero"));
        assertFailsCleanly(extract(model), model.resolve("config.json"), "is not a regular file");
    }

    @Test
    void anOnnxPackedVarintBomb() throws IOException {
        // ModelProto.graph (7) → GraphProto.initializer (5) → TensorProto.dims (1): one packed run of 2^24 + 1 varints
        byte[] dims = new byte[(1 << 24) + 1];
        byte[] tensor = field(1, dims);
        Path onnx = Files.write(tmp.resolve("bomb.onnx"), field(7, field(5, tensor)));
        Path tokenizer = tmp.resolve("tokenizer.json");
        json.writeValue(tokenizer.toFile(), TinyBert.tokenizer());
        CliRun run = CliRun.run("models", "import-onnx", onnx.toString(), "--tokenizer", tokenizer.toString(), "--out",
                tmp.resolve("out").toString());
        assertFailsCleanly(run, onnx, "packed run of more than 16777216 values");
    }

    // ------------------------------------------------------------------ 5. unclear messages

    @Test
    void aJsonSyntaxErrorIsOneLineWithLineAndColumn() throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model"));
        Files.writeString(model.resolve("config.json"), "{\n  \"model_type\": \"bert\",,\n}\n");
        assertFailsCleanly(extract(model), model.resolve("config.json") + ":2:", "column 24: Unexpected character");
    }

    @Test
    void invalidUtf8InTokensTsvNamesTheLine() throws Exception {
        Path store = SyntheticStores.write(tmp.resolve("store"), SyntheticStores.blobs(20, 4, 2, 1, 1),
                StoreDtype.FLOAT32);
        Path tokens = store.resolve("tokens.tsv");
        List<String> lines = Files.readAllLines(tokens);
        byte[] bad = (String.join("\n", lines.subList(0, 3)) + "\n0\t2\t\u00ff\tC0\n").getBytes(
                StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(bad);
        all.write((String.join("\n", lines.subList(4, lines.size())) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(tokens, all.toByteArray());
        assertFailsCleanly(CliRun.run("inspect", store.toString()), tokens + ":4:", "not valid UTF-8");
    }

    @Test
    void aSafetensorsHeaderOverTheLimitSaysSo() throws IOException {
        Path model = TinyBert.folder(tmp.resolve("model"));
        Path weights = model.resolve("model.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(weights.toFile(), "rw")) {
            f.setLength(0);
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(101L << 20).array());
            f.setLength(8 + (101L << 20) + 16); // sparse
        }
        assertFailsCleanly(extract(model), weights, "larger than the 100 MiB this tool reads");
    }

    @Test
    void anEmptyObjectAsManifestNamesTheMissingField() throws Exception {
        Path store = SyntheticStores.write(tmp.resolve("store"), SyntheticStores.blobs(20, 4, 2, 1, 1),
                StoreDtype.FLOAT32);
        Files.writeString(store.resolve("manifest.json"), "{}");
        assertFailsCleanly(CliRun.run("inspect", store.toString()), store.resolve("manifest.json"),
                "invalid manifest: no format_version");
    }

    // ------------------------------------------------------------------ helpers

    /** A version 1.0 .npy file with the given header dict and no data. */
    private static byte[] npy(String dict) {
        int unpadded = 10 + dict.length() + 1;
        String text = dict + " ".repeat(64 - unpadded % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length());
        return b.put(text.getBytes(StandardCharsets.ISO_8859_1)).array();
    }

    /** A length-delimited protobuf field. */
    private static byte[] field(int number, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }
}
