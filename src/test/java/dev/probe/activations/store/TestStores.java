package dev.probe.activations.store;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small literal stores for the tests of this package. */
final class TestStores {
    private TestStores() {
    }

    /** Value of cell [row, col] in the test matrices: exact in float16 for small indices. */
    static float value(long row, int col) {
        return row * 0.5f - col * 0.25f;
    }

    /** A manifest for a matrix of {@code words} rows over layers {@code [1, 3]} of {@code width} units each. */
    static StoreManifest manifest(long words, int width, StoreDtype dtype) {
        return new StoreManifest(StoreManifest.FORMAT_VERSION, new Provenance("probe", "dev", "17", "Linux amd64", "0.36.0",
                "2.7.1-20250812-cpu-linux-x86_64", 2, "2025-01-01T00:00:00Z"),
                new StoreManifest.ModelRef("bert-tiny", "bert", "/models/bert-tiny", "ab".repeat(32), "ef".repeat(32),
                        "01".repeat(32)),
                "hidden", List.of(1, 3), width, 2 * width, dtype.typeName(), "mean",
                new StoreManifest.InputRef("corpus.conllu", "cd".repeat(32), "conllu", List.of("upos"), "upos"),
                new StoreManifest.Counts(2, words, words + 3, 1),
                new StoreManifest.Windowing(512, 256, "each word from the window where it is most central"),
                Map.of("NOUN", 3L, "VERB", 2L, "DET", words - 5), Map.of("note", "test"));
    }

    static List<TokenRow> tokens(long words) {
        List<TokenRow> rows = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            rows.add(new TokenRow(i / 4, i % 4, "w" + i, i < 3 ? "NOUN" : i < 5 ? "VERB" : "DET"));
        }
        return rows;
    }

    /** Writes a complete store of {@code words} rows × {@code 2 * width} columns, rows in reverse order. */
    static void write(Path dir, long words, int width, StoreDtype dtype) throws ProbeException {
        int cols = 2 * width;
        try (StoreWriter w = StoreWriter.create(dir, false, words, cols, dtype)) {
            for (long r = words - 1; r >= 0; r--) {
                float[] row = new float[cols];
                for (int c = 0; c < cols; c++) {
                    row[c] = value(r, c);
                }
                w.writeRows(r, row, 0, 1);
            }
            w.commit(tokens(words), manifest(words, width, dtype));
        }
    }
}
