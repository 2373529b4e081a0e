package dev.probe.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes float32 tensors as a {@code .safetensors} file, the layout Hugging Face {@code safetensors} reads:
 *
 * <pre>
 * u64 little-endian N | N bytes UTF-8 JSON header, space-padded so that 8 + N is a multiple of 8 | tensor bytes
 * </pre>
 *
 * <p>The header is {@code {"__metadata__":{"format":"pt",…}, name:{"dtype":"F32","shape":[…],"data_offsets":[b,e]},…}}
 * with offsets relative to the first byte after the header. Tensors are stored in the map's order (name order for a
 * natural-ordered map), contiguous, each as little-endian float32 in row-major order.
 */
public final class SafetensorsWriter {
    private static final int CHUNK_FLOATS = 1 << 18;

    private SafetensorsWriter() {
    }

    /**
     * Writes a safetensors file, replacing any existing file at that path.
     *
     * @param file the file to write
     * @param tensors the tensors by name (names must be non-empty and not {@code __metadata__})
     * @param metadata string metadata; {@code "format":"pt"} is added unless it names another format
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if a tensor name is empty or reserved
     */
    public static void write(Path file, SortedMap<String, FloatTensor> tensors, Map<String, String> metadata)
            throws IOException {
        byte[] header = header(tensors, metadata);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(out, length);
            writeFully(out, ByteBuffer.wrap(header));
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (FloatTensor tensor : tensors.values()) {
                float[] data = tensor.data();
                for (int start = 0; start < data.length; start += CHUNK_FLOATS) {
                    int count = Math.min(CHUNK_FLOATS, data.length - start);
                    chunk.clear();
                    chunk.asFloatBuffer().put(data, start, count);
                    chunk.limit(count * Float.BYTES);
                    writeFully(out, chunk);
                }
            }
        }
    }

    /** The JSON header, UTF-8, padded with spaces to a multiple of 8 bytes. */
    static byte[] header(SortedMap<String, FloatTensor> tensors, Map<String, String> metadata) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode meta = root.putObject("__metadata__");
        meta.put("format", "pt");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, FloatTensor> entry : tensors.entrySet()) {
            String name = entry.getKey();
            if (name == null || name.isEmpty() || name.equals("__metadata__")) {
                throw new IllegalArgumentException("invalid tensor name '" + name + "'");
            }
            FloatTensor tensor = entry.getValue();
            ObjectNode info = root.putObject(name);
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            long end = offset + (long) tensor.data().length * Float.BYTES;
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] text = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) & ~7;
        byte[] header = Arrays.copyOf(text, padded);
        Arrays.fill(header, text.length, padded, (byte) ' ');
        return header;
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
