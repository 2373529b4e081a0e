package dev.probe.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.probe.ProbeException;
import dev.probe.io.HalfFloat;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TorchZipReader} on files written by {@code torch.save} (Debian's PyTorch 1.13, {@code
 * scripts/make-pytorch-bin-fixture.py} from the BERT golden fixture) and on hand-written hostile pickles.
 */
class TorchZipReaderTest {
    @TempDir
    Path tmp;

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchZipReaderTest.class.getResource(name).toURI());
    }

    @Test
    void everyTensorEqualsTheSafetensorsOneBitForBit() throws Exception {
        try (SafetensorsReader st = SafetensorsReader.open(resource("/fixtures/bert/model.safetensors"));
                TorchZipReader bin = TorchZipReader.open(resource("/checkpoints/bert-zip.bin"))) {
            assertThat(bin.names()).containsExactlyInAnyOrderElementsOf(st.names());
            for (String name : st.names()) {
                assertThat(bin.shape(name)).as(name).containsExactly(st.shape(name));
                assertThat(bin.readFloats(name)).as(name).containsExactly(st.readFloats(name));
            }
        }
    }

    @Test
    void stridedViewsAreCopiedInRowMajorOrderAndHalfTypesWidened() throws Exception {
        try (SafetensorsReader st = SafetensorsReader.open(resource("/fixtures/bert/model.safetensors"));
                TorchZipReader bin = TorchZipReader.open(resource("/checkpoints/bert-strided.bin"))) {
            for (String name : st.names()) { // every 2-D tensor is saved with column-major strides
                assertThat(bin.readFloats(name)).as(name).containsExactly(st.readFloats(name));
            }
            String words = "embeddings.word_embeddings.weight";
            long[] shape = st.shape(words);
            float[] w = st.readFloats(words);
            float[] f16 = bin.readFloats("extra.f16");
            float[] bf16 = bin.readFloats("extra.bf16");
            assertThat(f16).hasSameSizeAs(w);
            for (int i = 0; i < w.length; i++) {
                assertThat(f16[i]).isEqualTo(HalfFloat.f16ToFloat(HalfFloat.floatToF16(w[i])));
                assertThat(Float.floatToRawIntBits(bf16[i]) & 0xFFFF).isZero(); // a bfloat16 value, widened exactly
                assertThat(Math.abs(bf16[i] - w[i])).isLessThanOrEqualTo(Math.abs(w[i]) / 256);
            }
            // words[1:3, 2:5]: storage offset 1 * cols + 2, row stride cols
            int cols = (int) shape[1];
            float[] expected = new float[6];
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    expected[r * 3 + c] = w[(1 + r) * cols + 2 + c];
                }
            }
            assertThat(bin.shape("extra.slice")).containsExactly(2, 3);
            assertThat(bin.readFloats("extra.slice")).containsExactly(expected);
        }
    }

    @Test
    void tinyStateDictHasKnownValues() throws Exception {
        // a.weight = arange(6).reshape(3, 2).T, b float16, c a bfloat16 scalar, ids int64 (see the generator script)
        try (TorchZipReader bin = TorchZipReader.open(resource("/checkpoints/tiny.bin"))) {
            assertThat(bin.names()).containsExactly("a.weight", "b", "c", "ids");
            assertThat(bin.shape("a.weight")).containsExactly(2, 3);
            assertThat(bin.readFloats("a.weight")).containsExactly(0, 2, 4, 1, 3, 5);
            assertThat(bin.readFloats("b")).containsExactly(1, 0, -1, 2);
            assertThat(bin.shape("c")).isEmpty();
            assertThat(bin.readFloats("c")).containsExactly(7);
            assertThat(bin.shape("ids")).containsExactly(2);
            assertThat(catchThrowable(() -> bin.readFloats("ids"))).isInstanceOf(ProbeException.class);
        }
    }

    @Test
    void legacyFormatIsRefusedWithAHintToReSave() throws Exception {
        Path legacy = resource("/checkpoints/bert-legacy.bin");
        assertThat(refusal(legacy)).contains(legacy.toString()).contains("legacy torch.save format").contains("re-save");
    }

    @Test
    void forbiddenGlobalIsRefusedByName() throws Exception {
        // os.system('echo pwned'): what a malicious pytorch_model.bin runs under pickle.load
        byte[] pickle = TorchPickles.protocol2().global("os", "system").string("echo pwned").op(0x85).op('R').stop();
        Path file = TorchPickles.zip(tmp.resolve("pytorch_model.bin"), Map.of("archive/data.pkl", pickle));

        assertThat(refusal(file)).contains(file.toString()).contains("'os.system'").contains("refuses");
    }

    @Test
    void forbiddenStackGlobalIsRefusedByName() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op(0x8c).op(8).op('b').op('u').op('i').op('l').op('t').op('i')
                .op('n').op('s').op(0x8c).op(4).op('e').op('v').op('a').op('l').op(0x93).stop();
        Path file = TorchPickles.zip(tmp.resolve("evil.bin"), Map.of("x/data.pkl", pickle));

        assertThat(refusal(file)).contains("'builtins.eval'");
    }

    @Test
    void bigEndianArchiveIsRefused() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('}').stop();
        Path file = TorchPickles.zip(tmp.resolve("be.bin"), Map.of("archive/data.pkl", pickle,
                "archive/byteorder", "big".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        assertThat(refusal(file)).contains("big-endian");
    }

    @Test
    void littleEndianMarkerIsAccepted() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('}').stop();
        Path file = TorchPickles.zip(tmp.resolve("le.bin"), Map.of("archive/data.pkl", pickle,
                "archive/byteorder", "little".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        try (TorchZipReader bin = TorchZipReader.open(file)) {
            assertThat(bin.names()).isEmpty();
        }
    }

    @Test
    void unknownOpcodeIsRefusedByNumber() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('i').stop(); // INST: calls a class by name
        Path file = TorchPickles.zip(tmp.resolve("inst.bin"), Map.of("archive/data.pkl", pickle));

        assertThat(refusal(file)).contains("opcode 0x69");
    }

    @Test
    void handWrittenStateDictWithAnIntegerBufferListsItButRefusesToReadIt() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('}').op('(')
                .string("w").tensor("FloatStorage", "0", 4, 0, new int[] {2, 2}, new int[] {1, 2})
                .string("ids").tensor("LongStorage", "1", 2, 0, new int[] {2}, new int[] {1})
                .op('u').stop();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("m/data.pkl", pickle);
        entries.put("m/data/0", le(1f, 2f, 3f, 4f));
        entries.put("m/data/1", new byte[16]);
        Path file = TorchPickles.zip(tmp.resolve("m.bin"), entries);

        try (TorchZipReader bin = TorchZipReader.open(file)) {
            assertThat(bin.names()).containsExactly("w", "ids");
            assertThat(bin.readFloats("w")).containsExactly(1f, 3f, 2f, 4f); // the transpose of [[1, 2], [3, 4]]
            Throwable e = catchThrowable(() -> bin.readFloats("ids"));
            assertThat(e).isInstanceOf(ProbeException.class).hasMessageContaining("'ids'")
                    .hasMessageContaining("I64");
        }
    }

    @Test
    void tensorReachingPastItsStorageIsRefused() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 4, 1, new int[] {2, 2}, new int[] {2, 1}).op('s').stop();
        Path file = TorchPickles.zip(tmp.resolve("past.bin"), Map.of("a/data.pkl", pickle, "a/data/0", le(1, 2, 3, 4)));

        assertThat(refusal(file)).contains("tensor 'w'").contains("reaches past its storage");
    }

    @Test
    void overlappingStridesAreRefused() throws Exception {
        byte[] pickle = TorchPickles.protocol2().op('}').string("w")
                .tensor("FloatStorage", "0", 2, 0, new int[] {100, 2}, new int[] {0, 1}).op('s').stop();
        Path file = TorchPickles.zip(tmp.resolve("expand.bin"), Map.of("a/data.pkl", pickle, "a/data/0", le(1, 2)));

        assertThat(refusal(file)).contains("overlapping strides");
    }

    @Test
    void everyTruncationAndManyBitFlipsEndInAProbeException() throws Exception {
        byte[] good = Files.readAllBytes(resource("/checkpoints/bert-zip.bin"));
        Path file = tmp.resolve("cut.bin");
        for (int length = 0; length < good.length; length += length < 5000 ? 7 : 997) {
            Files.write(file, Arrays.copyOf(good, length));
            assertThat(refusal(file)).as("first %d bytes", length).contains(file.toString());
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        for (int i = 0; i < 300; i++) {
            byte[] bad = good.clone();
            int at = random.nextInt(i % 2 == 0 ? 5000 : bad.length); // the pickle, or anywhere (the directory)
            bad[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bad);
            try (TorchZipReader bin = TorchZipReader.open(file)) {
                for (String name : bin.names()) {
                    bin.readFloats(name);
                }
            } catch (ProbeException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
    }

    private static byte[] le(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static String refusal(Path file) {
        Throwable thrown = catchThrowable(() -> {
            try (TorchZipReader bin = TorchZipReader.open(file)) {
                for (String name : bin.names()) {
                    bin.readFloats(name);
                }
            }
        });
        assertThat(thrown).isInstanceOf(ProbeException.class);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }
}
