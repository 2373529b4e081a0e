package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import dev.probe.cli.InspectCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ActivationStoreTest {

    @TempDir
    Path tmp;

    @Test
    void writtenStoreOpensAndAgrees() throws Exception {
        Path dir = tmp.resolve("store");
        TestStores.write(dir, 9, 3, StoreDtype.FLOAT16);
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(dir); // no temp siblings left
        }
        try (ActivationStore store = ActivationStore.open(dir)) {
            assertThat(store.dir()).isEqualTo(dir);
            assertThat(store.manifest()).isEqualTo(TestStores.manifest(9, 3, StoreDtype.FLOAT16));
            NpyMatrix m = store.matrix();
            assertThat(m.rows()).isEqualTo(9);
            assertThat(m.cols()).isEqualTo(6);
            assertThat(m.get(4, 5)).isEqualTo(TestStores.value(4, 5));
            assertThat(store.tokens()).isEqualTo(TestStores.tokens(9));
        }
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws Exception {
        Path dir = tmp.resolve("store");
        try (StoreWriter w = StoreWriter.create(dir, false, 4, 2, StoreDtype.FLOAT32)) {
            w.writeRows(0, new float[8], 0, 4);
            // extraction fails here
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void commitChecksTokensAndRows() throws Exception {
        Path dir = tmp.resolve("store");
        try (StoreWriter w = StoreWriter.create(dir, false, 9, 6, StoreDtype.FLOAT32)) {
            assertThatThrownBy(() -> w.commit(TestStores.tokens(8), TestStores.manifest(9, 3, StoreDtype.FLOAT32)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9 rows, 8 tokens");
            assertThatThrownBy(() -> w.commit(TestStores.tokens(9), TestStores.manifest(9, 3, StoreDtype.FLOAT32)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("0 of 9 rows");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void existingStoreNeedsForce() throws Exception {
        Path dir = tmp.resolve("store");
        TestStores.write(dir, 9, 3, StoreDtype.FLOAT32);
        assertThatThrownBy(() -> TestStores.write(dir, 9, 3, StoreDtype.FLOAT32))
                .isInstanceOf(ProbeException.class).hasMessageContaining("already exists; use --force");
        try (StoreWriter w = StoreWriter.create(dir, true, 6, 4, StoreDtype.FLOAT32)) {
            w.writeRows(0, new float[24], 0, 6);
            w.commit(TestStores.tokens(6), TestStores.manifest(6, 2, StoreDtype.FLOAT32));
        }
        try (ActivationStore store = ActivationStore.open(dir)) {
            assertThat(store.matrix().rows()).isEqualTo(6);
        }
    }

    @Test
    void tokenCountMismatchNamesTokensFileAndBothCounts() throws Exception {
        Path dir = tmp.resolve("store");
        TestStores.write(dir, 9, 3, StoreDtype.FLOAT32);
        Path tokens = dir.resolve("tokens.tsv");
        List<String> lines = Files.readAllLines(tokens);
        Files.write(tokens, lines.subList(0, lines.size() - 2));
        assertThatThrownBy(() -> ActivationStore.open(dir))
                .isInstanceOf(ProbeException.class)
                .hasMessage(tokens + ": 7 token rows, but activations.npy has 9 rows");
    }

    @Test
    void truncatedOrMismatchedMatrixIsRejected() throws Exception {
        Path dir = tmp.resolve("store");
        TestStores.write(dir, 9, 3, StoreDtype.FLOAT32);
        Path npy = dir.resolve("activations.npy");
        Files.writeString(dir.resolve("manifest.json"),
                Files.readString(dir.resolve("manifest.json")).replace("\"words\": 9", "\"words\": 10"));
        assertThatThrownBy(() -> ActivationStore.open(dir))
                .hasMessage(npy + ": shape [9, 6] disagrees with manifest.json (10 words × 6 neurons)");
        try (FileChannel ch = FileChannel.open(npy, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        assertThatThrownBy(() -> ActivationStore.open(dir)).hasMessageStartingWith(npy + ": truncated matrix");
    }

    @Test
    void missingStoreIsNamed() {
        Path dir = tmp.resolve("nowhere");
        assertThatThrownBy(() -> ActivationStore.open(dir)).hasMessage(dir + ": activation store not found");
        assertThatThrownBy(() -> ActivationStore.open(tmp))
                .hasMessageStartingWith(tmp.resolve("manifest.json") + ": not found");
    }

    @Test
    void summaryAndInspectCommand() throws Exception {
        Path dir = tmp.resolve("store");
        TestStores.write(dir, 9, 3, StoreDtype.FLOAT16);
        String text;
        try (ActivationStore store = ActivationStore.open(dir)) {
            text = StoreSummary.describe(store);
        }
        assertThat(text).contains("bert-tiny (bert, /models/bert-tiny)", "layers     1, 3 (2)", "neurons    6",
                "dtype      float16", "rows       9 words, 12 subwords", "sentences  2 (1 windowed: max 512 tokens",
                "sha256 cdcdcdcdcdcd)", "labels     3 distinct upos values, 9 in all", "columns    upos (default label: upos)", "DET           4   44.4%");
        assertThat(text.indexOf("DET ")).isLessThan(text.indexOf("NOUN ")).isLessThan(text.indexOf("VERB "));
        assertThat(StoreSummary.ranges(List.of(0, 1, 2, 3, 6, 8, 9, 11))).isEqualTo("0-3, 6, 8, 9, 11");

        StringWriter out = new StringWriter();
        CommandLine cmd = new CommandLine(new InspectCommand()).setOut(new PrintWriter(out));
        assertThat(cmd.execute(dir.toString())).isZero();
        assertThat(out.toString()).isEqualTo(text);

        StringWriter json = new StringWriter();
        cmd = new CommandLine(new InspectCommand()).setOut(new PrintWriter(json));
        assertThat(cmd.execute("--json", dir.toString())).isZero();
        assertThat(json.toString()).isEqualTo(Files.readString(dir.resolve("manifest.json")));
    }
}
