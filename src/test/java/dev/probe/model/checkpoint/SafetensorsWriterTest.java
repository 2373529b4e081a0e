package dev.probe.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    /** Four tensors given out of order: a matrix, a vector, a scalar and an empty tensor. */
    private static SortedMap<String, FloatTensor> sample() {
        SortedMap<String, FloatTensor> tensors = new TreeMap<>();
        tensors.put("b", new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}));
        tensors.put("a.x", new FloatTensor(new long[] {3}, new float[] {-1, 0.5f, 1e-12f}));
        tensors.put("c", new FloatTensor(new long[] {}, new float[] {42}));
        tensors.put("e", new FloatTensor(new long[] {0, 4}, new float[0]));
        return tensors;
    }

    @Test
    void writesAHeaderWithNameOrderedContiguousOffsets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of("source", "test"));
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long n = bytes.getLong(0);
        assertThat(n % 8).isZero();
        String headerText = new String(bytes.array(), 8, (int) n, StandardCharsets.UTF_8);
        String padding = headerText.substring(headerText.stripTrailing().length());
        assertThat(padding).matches(" {0,7}");
        JsonNode header = new ObjectMapper().readTree(headerText);
        assertThat(header.get("__metadata__").get("format").asText()).isEqualTo("pt");
        assertThat(header.get("__metadata__").get("source").asText()).isEqualTo("test");

        // a.x: 3 floats at [0, 12); b: 6 floats at [12, 36); c: scalar at [36, 40); e: empty at [40, 40)
        assertOffsets(header, "a.x", "F32", List.of(3L), 0, 12);
        assertOffsets(header, "b", "F32", List.of(2L, 3L), 12, 36);
        assertOffsets(header, "c", "F32", List.of(), 36, 40);
        assertOffsets(header, "e", "F32", List.of(0L, 4L), 40, 40);
        long dataStart = 8 + n;
        assertThat(bytes.limit()).isEqualTo(dataStart + 40);
        assertThat(bytes.getFloat((int) dataStart + 8)).isEqualTo(1e-12f);
        assertThat(bytes.getFloat((int) dataStart + 12 + 5 * 4)).isEqualTo(6f);
        assertThat(bytes.getFloat((int) dataStart + 36)).isEqualTo(42f);
    }

    private static void assertOffsets(JsonNode header, String name, String dtype, List<Long> shape, long begin,
            long end) {
        JsonNode info = header.get(name);
        assertThat(info.get("dtype").asText()).isEqualTo(dtype);
        List<Long> actualShape = new ArrayList<>();
        info.get("shape").forEach(d -> actualShape.add(d.asLong()));
        assertThat(actualShape).isEqualTo(shape);
        assertThat(info.get("data_offsets").get(0).asLong()).isEqualTo(begin);
        assertThat(info.get("data_offsets").get(1).asLong()).isEqualTo(end);
    }

    @Test
    void pythonReadsTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.safetensors");
        SafetensorsWriter.write(file, sample(), Map.of());
        String script = String.join("\n",
                "import json, struct, sys",
                "d = open(sys.argv[1], 'rb').read()",
                "n, = struct.unpack('<Q', d[:8])",
                "assert n % 8 == 0",
                "h = json.loads(d[8:8 + n].decode('utf-8'))",
                "b, e = h['b']['data_offsets']",
                "vals = struct.unpack('<6f', d[8 + n + b:8 + n + e])",
                "assert vals == (1.0, 2.0, 3.0, 4.0, 5.0, 6.0), vals",
                "assert h['b']['shape'] == [2, 3] and h['c']['shape'] == []",
                "assert len(d) == 8 + n + max(v['data_offsets'][1] for k, v in h.items() if k != '__metadata__')",
                "print('ok', h['__metadata__']['format'])");
        Process process;
        try {
            process = new ProcessBuilder("python3", "-c", script, file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not available: " + e.getMessage());
            return;
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.trim()).isEqualTo("ok pt");
    }

    @Test
    void reservedOrEmptyNamesAreRejected(@TempDir Path dir) {
        SortedMap<String, FloatTensor> tensors = new TreeMap<>(Map.of("__metadata__",
                new FloatTensor(new long[] {1}, new float[] {1})));
        assertThatThrownBy(() -> SafetensorsWriter.write(dir.resolve("x"), tensors, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("__metadata__");
    }

    @Test
    void floatTensorChecksItsShape() {
        assertThatThrownBy(() -> new FloatTensor(new long[] {2, 2}, new float[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2] has 4 elements")
                .hasMessageContaining("data has 3");
        assertThatThrownBy(() -> new FloatTensor(new long[] {-1}, new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        // [[1, 2, 3], [4, 5, 6]] -> [[1, 4], [2, 5], [3, 6]]
        FloatTensor m = new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        FloatTensor t = m.transpose2d();
        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(t.data()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(t.transpose2d()).isEqualTo(m);

        // larger than one 64x64 tile in both directions
        int rows = 130;
        int cols = 70;
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        FloatTensor big = new FloatTensor(new long[] {rows, cols}, data).transpose2d();
        assertThat(big.data()[5 * rows + 100]).isEqualTo(100 * cols + 5);
        assertThatThrownBy(() -> new FloatTensor(new long[] {4}, new float[4]).transpose2d())
                .isInstanceOf(IllegalStateException.class);
    }
}
