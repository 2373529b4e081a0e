package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.probe.ProbeException;
import dev.probe.io.HalfFloat;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyMatrixTest {
    private static final int ROWS = 10;
    private static final int COLS = 6;

    @TempDir
    Path tmp;

    /** A [ROWS, COLS] matrix with random values, written in batches in a scrambled row order. */
    private static float[] writeScrambled(Path file, StoreDtype dtype) throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        float[] all = new float[ROWS * COLS];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) random.nextDouble(-4, 4);
        }
        try (NpyMatrixWriter w = NpyMatrixWriter.create(file, ROWS, COLS, dtype)) {
            // batches [7, 10), [0, 3), [5], [3, 5), [6]: out of order, some several rows at once
            int[][] batches = {{7, 3}, {0, 3}, {5, 1}, {3, 2}, {6, 1}};
            for (int[] b : batches) {
                w.writeRows(b[0], all, b[0] * COLS, b[1]);
            }
        }
        return all;
    }

    @Test
    void float32RowsWrittenOutOfOrderReadBackExactly() throws Exception {
        Path file = tmp.resolve("m.npy");
        float[] all = writeScrambled(file, StoreDtype.FLOAT32);
        assertThat(Files.size(file)).isEqualTo(128 + (long) ROWS * COLS * 4);
        try (NpyMatrix m = NpyMatrix.open(file)) {
            assertThat(m.rows()).isEqualTo(ROWS);
            assertThat(m.cols()).isEqualTo(COLS);
            assertThat(m.dtype()).isEqualTo(StoreDtype.FLOAT32);
            float[] dst = new float[ROWS * COLS];
            m.readRows(0, ROWS, dst);
            assertThat(dst).containsExactly(all);
            assertThat(m.get(3, 5)).isEqualTo(all[3 * COLS + 5]);
            float[] row = new float[COLS + 2];
            m.readRow(9, row, 2);
            for (int c = 0; c < COLS; c++) {
                assertThat(row[2 + c]).isEqualTo(all[9 * COLS + c]);
            }
        }
    }

    @Test
    void float16KeepsHalfPrecision() throws Exception {
        Path file = tmp.resolve("h.npy");
        float[] all = writeScrambled(file, StoreDtype.FLOAT16);
        assertThat(Files.size(file)).isEqualTo(128 + (long) ROWS * COLS * 2);
        try (NpyMatrix m = NpyMatrix.open(file)) {
            assertThat(m.dtype()).isEqualTo(StoreDtype.FLOAT16);
            float[] dst = new float[ROWS * COLS];
            m.readRows(0, ROWS, dst);
            for (int i = 0; i < all.length; i++) {
                // |x| < 4: float16 spacing is at most 2^-9 there, so rounding errs by at most 2^-10
                assertThat(dst[i]).isCloseTo(all[i], within(0x1p-10f));
                assertThat(dst[i]).isEqualTo(HalfFloat.f16ToFloat(HalfFloat.floatToF16(all[i])));
            }
        }
    }

    @Test
    void segmentsOfThreeRowsReadLikeOneMapping() throws Exception {
        for (StoreDtype dtype : StoreDtype.values()) {
            Path file = tmp.resolve("seg-" + dtype + ".npy");
            writeScrambled(file, dtype);
            try (NpyMatrix whole = NpyMatrix.open(file);
                    NpyMatrix split = NpyMatrix.open(file, 3L * COLS * dtype.bytes())) {
                assertThat(whole.segmentCount()).isEqualTo(1);
                assertThat(split.segmentCount()).isEqualTo(4); // rows 0-2, 3-5, 6-8, 9
                float[] expected = new float[ROWS * COLS];
                whole.readRows(0, ROWS, expected);
                // every span, including those crossing the borders after rows 2, 5 and 8
                for (int first = 0; first < ROWS; first++) {
                    for (int count = 0; first + count <= ROWS; count++) {
                        float[] got = new float[count * COLS];
                        split.readRows(first, count, got);
                        float[] want = new float[count * COLS];
                        System.arraycopy(expected, first * COLS, want, 0, want.length);
                        assertThat(got).as("%s rows %d+%d", dtype, first, count).containsExactly(want);
                    }
                }
                int[] subset = {5, 0, 3};
                for (int r = 0; r < ROWS; r++) {
                    float[] got = new float[subset.length];
                    split.readRow(r, subset, got, 0);
                    for (int k = 0; k < subset.length; k++) {
                        assertThat(got[k]).isEqualTo(expected[r * COLS + subset[k]]);
                        assertThat(split.get(r, subset[k])).isEqualTo(expected[r * COLS + subset[k]]);
                    }
                }
            }
        }
    }

    @Test
    void aSegmentLimitBelowOneRowStillMapsWholeRows() throws Exception {
        Path file = tmp.resolve("m.npy");
        float[] all = writeScrambled(file, StoreDtype.FLOAT32);
        try (NpyMatrix m = NpyMatrix.open(file, 5)) {
            assertThat(m.segmentCount()).isEqualTo(ROWS);
            float[] dst = new float[ROWS * COLS];
            m.readRows(0, ROWS, dst);
            assertThat(dst).containsExactly(all);
        }
    }

    @Test
    void concurrentReadersSeeTheSameValues() throws Exception {
        Path file = tmp.resolve("m.npy");
        float[] all = writeScrambled(file, StoreDtype.FLOAT16);
        try (NpyMatrix m = NpyMatrix.open(file, 2L * COLS * 2)) {
            float[] expected = new float[all.length];
            m.readRows(0, ROWS, expected);
            IntStream.range(0, 64).parallel().forEach(i -> {
                float[] row = new float[COLS];
                m.readRow(i % ROWS, row, 0);
                for (int c = 0; c < COLS; c++) {
                    assertThat(row[c]).isEqualTo(expected[(i % ROWS) * COLS + c]);
                }
            });
        }
    }

    @Test
    void truncatedMatrixIsRejectedWithBothSizes() throws Exception {
        Path file = tmp.resolve("m.npy");
        writeScrambled(file, StoreDtype.FLOAT32);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(128 + 100);
        }
        assertThatThrownBy(() -> NpyMatrix.open(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageStartingWith(file + ": truncated matrix")
                .hasMessageContaining("needs 240 data bytes")
                .hasMessageContaining("found 100");
    }

    @Test
    void rejectsShapesOtherThanTwoDimensional() throws Exception {
        Path file = Files.write(tmp.resolve("v.npy"), NpyHeader.of(StoreDtype.FLOAT32, 4).encode());
        Files.write(file, new byte[16], StandardOpenOption.APPEND);
        assertThatThrownBy(() -> NpyMatrix.open(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageContaining("expected a 2-D matrix [words, neurons], found shape [4]");
    }

    @Test
    void emptyMatrixAndBoundsAndClose() throws Exception {
        Path empty = tmp.resolve("e.npy");
        NpyMatrixWriter.create(empty, 0, 5, StoreDtype.FLOAT32).close();
        try (NpyMatrix m = NpyMatrix.open(empty)) {
            assertThat(m.rows()).isZero();
            m.readRows(0, 0, new float[0]);
        }
        Path file = tmp.resolve("m.npy");
        writeScrambled(file, StoreDtype.FLOAT32);
        NpyMatrix m = NpyMatrix.open(file);
        assertThatThrownBy(() -> m.get(ROWS, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.readRows(8, 3, new float[3 * COLS])).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> m.readRow(0, new int[] {COLS}, new float[1], 0))
                .isInstanceOf(IndexOutOfBoundsException.class);
        m.close();
        assertThatThrownBy(() -> m.get(0, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void partsOfOneMatrixReadAsTheWhole() throws Exception {
        Path file = tmp.resolve("whole.npy");
        float[] all = writeScrambled(file, StoreDtype.FLOAT32);
        int[] cuts = {0, 3, 4, ROWS}; // parts of 3, 1 and 6 rows
        java.util.List<Path> parts = new java.util.ArrayList<>();
        for (int p = 0; p + 1 < cuts.length; p++) {
            Path part = tmp.resolve("part" + p + ".npy");
            try (NpyMatrixWriter w = NpyMatrixWriter.create(part, cuts[p + 1] - cuts[p], COLS, StoreDtype.FLOAT32)) {
                w.writeRows(0, all, cuts[p] * COLS, cuts[p + 1] - cuts[p]);
            }
            parts.add(part);
        }
        try (NpyMatrix joined = NpyMatrix.open(parts, 2L * COLS * 4)) { // segments of 2 rows within each part
            assertThat(joined.rows()).isEqualTo(ROWS);
            float[] dst = new float[ROWS * COLS];
            joined.readRows(0, ROWS, dst);
            assertThat(dst).containsExactly(all);
            for (int r = 0; r < ROWS; r++) {
                float[] gathered = new float[2];
                joined.readRow(r, new int[] {5, 0}, gathered, 0);
                assertThat(gathered).containsExactly(all[r * COLS + 5], all[r * COLS]);
                assertThat(joined.get(r, 2)).isEqualTo(all[r * COLS + 2]);
            }
            assertThat(joined.fileOf(3)).isEqualTo(parts.get(1));
            assertThat(joined.fileOf(9)).isEqualTo(parts.get(2));
            assertThat(joined.rowsInSegmentFrom(2)).isEqualTo(1);
            assertThat(joined.rowsInSegmentFrom(4)).isEqualTo(2);
        }
        Path other = tmp.resolve("other.npy");
        try (NpyMatrixWriter w = NpyMatrixWriter.create(other, 2, COLS + 1, StoreDtype.FLOAT32)) {
            w.writeRows(0, new float[2 * (COLS + 1)], 0, 2);
        }
        assertThatThrownBy(() -> NpyMatrix.open(java.util.List.of(file, other)))
                .isInstanceOf(ProbeException.class).hasMessageContaining("does not continue");
    }
}
