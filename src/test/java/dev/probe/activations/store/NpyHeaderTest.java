package dev.probe.activations.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.ProbeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyHeaderTest {

    @TempDir
    Path tmp;

    @Test
    void encodesExactlyAsNumpyDoes() {
        // numpy.save(f, numpy.zeros((3, 4), '<f4')) writes these 128 header bytes (checked with NumPy 2.4)
        byte[] bytes = NpyHeader.of(StoreDtype.FLOAT32, 3, 4).encode();
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }";
        assertThat(bytes).hasSize(128);
        assertThat(Arrays.copyOf(bytes, 10)).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0);
        String text = new String(bytes, 10, 118, StandardCharsets.ISO_8859_1);
        assertThat(text).isEqualTo(dict + " ".repeat(117 - dict.length()) + "\n");
    }

    @Test
    void roundTripsThroughAFile() throws Exception {
        for (long[] shape : new long[][] {{0, 7}, {5, 3}, {123456789012L, 9984}, {4}}) {
            NpyHeader header = NpyHeader.of(StoreDtype.FLOAT16, shape);
            assertThat(header.dataOffset() % 64).isZero();
            Path file = Files.write(tmp.resolve("h.npy"), header.encode());
            NpyHeader read = NpyHeader.read(file);
            assertThat(read).isEqualTo(header);
            assertThat(read.shape()).containsExactly(shape);
            assertThat(read.dtype()).isEqualTo(StoreDtype.FLOAT16);
        }
    }

    @Test
    void usesVersionTwoForHugeHeaders() throws Exception {
        long[] shape = new long[30_000];
        Arrays.fill(shape, 1);
        NpyHeader header = NpyHeader.of(StoreDtype.FLOAT32, shape);
        byte[] bytes = header.encode();
        assertThat(bytes[6]).isEqualTo((byte) 2);
        assertThat(bytes.length % 64).isZero();
        assertThat(NpyHeader.read(Files.write(tmp.resolve("v2.npy"), bytes))).isEqualTo(header);
    }

    @Test
    void readsHandWrittenVariants() throws Exception {
        // double quotes, keys in another order, no trailing comma, Python 2 long suffix
        String dict = "{\"shape\": (2L, 3L), \"fortran_order\": False, \"descr\": \"<f2\"}\n";
        NpyHeader header = NpyHeader.read(write("v.npy", 1, dict));
        assertThat(header.shape()).containsExactly(2, 3);
        assertThat(header.descr()).isEqualTo("<f2");
        assertThat(header.dataOffset()).isEqualTo(10 + dict.length());
    }

    @Test
    void rejectsWhatItCannotRead() throws Exception {
        assertRejected(Files.writeString(tmp.resolve("text.npy"), "hello, world"), "bad magic");
        assertRejected(Files.write(tmp.resolve("short.npy"), new byte[] {(byte) 0x93, 'N'}), "truncated header");
        assertRejected(write("v9.npy", 9, "{}"), "unsupported .npy format version 9.0");
        assertRejected(write("f.npy", 1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }"), "Fortran");
        assertRejected(write("be.npy", 1, "{'descr': '>f4', 'fortran_order': False, 'shape': (2, 3), }"),
                "big-endian");
        assertRejected(write("f8.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"),
                "unsupported dtype '<f8'");
        assertRejected(write("bad.npy", 1, "{'descr': '<f4', 'shape': (2, x), }"), "malformed .npy header");
        assertRejected(write("noshape.npy", 1, "{'descr': '<f4', 'fortran_order': False}"), "no tuple 'shape'");
        assertRejected(tmp.resolve("missing.npy"), "not found");
    }

    private Path write(String name, int major, String dict) throws Exception {
        byte[] text = dict.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = new byte[10 + text.length];
        byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0, (byte) text.length,
            (byte) (text.length >> 8)};
        System.arraycopy(prefix, 0, bytes, 0, 10);
        System.arraycopy(text, 0, bytes, 10, text.length);
        return Files.write(tmp.resolve(name), bytes);
    }

    private static void assertRejected(Path file, String message) {
        assertThatThrownBy(() -> NpyHeader.read(file))
                .isInstanceOf(ProbeException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message);
    }
}
