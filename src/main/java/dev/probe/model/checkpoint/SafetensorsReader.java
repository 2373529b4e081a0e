package dev.probe.model.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.probe.ProbeException;
import dev.probe.io.HalfFloat;
import dev.probe.io.JsonErrors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code .safetensors} file: an 8-byte little-endian header length N, N bytes of JSON describing each tensor
 * ({@code dtype}, {@code shape}, {@code data_offsets} relative to the data section), then the raw little-endian bytes.
 *
 * <p>The file is memory-mapped, never read whole. Every offset is validated when the file is opened: the header must fit
 * in the file, each tensor's byte range must lie inside the data section, match its shape and dtype, and not overlap
 * another tensor. F32, F16 and BF16 tensors are returned as float32.
 */
public final class SafetensorsReader implements Checkpoint {
    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;
    private final FileChannel channel;

    /** One tensor's entry in the header. {@code begin}/{@code end} are absolute byte positions in the file. */
    public record TensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {
        /** Number of elements, the product of the shape. */
        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }

    private SafetensorsReader(Path file, Map<String, TensorInfo> tensors, Map<String, String> metadata,
            FileChannel channel) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
        this.channel = channel;
    }

    /** Opens and validates a safetensors file. */
    public static SafetensorsReader open(Path file) throws ProbeException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            long size = channel.size();
            if (size < 8) {
                throw new ProbeException(file, "not a safetensors file: " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, lengthBytes, 0);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength > MAX_HEADER && headerLength <= size - 8) {
                throw new ProbeException(file, "safetensors header of " + headerLength + " bytes is larger than the"
                        + " 100 MiB this tool reads");
            }
            if (headerLength <= 0 || headerLength > size - 8) {
                throw new ProbeException(file, "corrupt safetensors header: header length " + headerLength
                        + " does not fit in the file of " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLength);
            readFully(channel, header, 8);
            long dataStart = 8 + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, TensorInfo> tensors = parseHeader(file, new String(header.array(), StandardCharsets.UTF_8),
                    dataStart, size, metadata);
            return new SafetensorsReader(file, tensors, metadata, channel);
        } catch (NoSuchFileException e) {
            throw new ProbeException(file, "no such file");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ProbeException(file, "cannot read safetensors file: " + e.getMessage(), e);
        } catch (ProbeException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }

    private static Map<String, TensorInfo> parseHeader(Path file, String json, long dataStart, long size,
            Map<String, String> metadata) throws ProbeException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProbeException(file, "corrupt safetensors header: not valid JSON (" + JsonErrors.reason(e) + ")");
        } catch (IOException e) {
            throw new ProbeException(file, "corrupt safetensors header: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ProbeException(file, "corrupt safetensors header: not a JSON object");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            JsonNode node = entry.getValue();
            if ("__metadata__".equals(name)) {
                node.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            if (!node.isObject()) {
                throw new ProbeException(file, "corrupt safetensors header: tensor '" + name + "' is not an object");
            }
            tensors.put(name, parseTensor(file, name, node, dataStart, size));
        }
        checkOverlaps(file, tensors);
        return Collections.unmodifiableMap(tensors);
    }

    private static TensorInfo parseTensor(Path file, String name, JsonNode node, long dataStart, long size)
            throws ProbeException {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray()
                || offsets.size() != 2) {
            throw new ProbeException(file, "corrupt safetensors header: tensor '" + name
                    + "' needs dtype, shape and two data_offsets");
        }
        SafetensorsDtype dtype = SafetensorsDtype.parse(file, name, dtypeNode.asText());
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = nonNegativeLong(shapeNode.get(i));
            if (shape[i] < 0) {
                throw new ProbeException(file, "corrupt safetensors header: tensor '" + name + "' has a dimension that"
                        + " is not a non-negative integer: " + shapeNode.get(i));
            }
            elements = elements < 0 ? -1 : multiplyOrMinusOne(elements, shape[i]);
        }
        long expected = elements < 0 ? -1 : multiplyOrMinusOne(elements, dtype.bytes());
        if (elements < 0 || expected < 0) {
            throw new ProbeException(file, "corrupt safetensors header: tensor '" + name + "' has shape "
                    + Arrays.toString(shape) + ", more bytes than a file can hold");
        }
        long begin = nonNegativeLong(offsets.get(0));
        long end = nonNegativeLong(offsets.get(1));
        if (begin < 0 || end < begin || end > size - dataStart) {
            throw new ProbeException(file, "corrupt safetensors file: tensor '" + name + "' has data_offsets "
                    + offsets + " outside the data section of " + (size - dataStart) + " bytes");
        }
        if (end - begin != expected) {
            throw new ProbeException(file, "corrupt safetensors file: tensor '" + name + "' spans " + (end - begin)
                    + " bytes but its shape and dtype need " + expected);
        }
        return new TensorInfo(name, dtype, shape, dataStart + begin, dataStart + end);
    }

    /** The value of an integral JSON number that fits a non-negative long, else -1. */
    private static long nonNegativeLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? Math.max(-1, node.longValue()) : -1;
    }

    /** {@code a × b} for non-negative values, or -1 when it overflows a long. */
    private static long multiplyOrMinusOne(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static void checkOverlaps(Path file, Map<String, TensorInfo> tensors) throws ProbeException {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo previous = sorted.get(i - 1);
            TensorInfo current = sorted.get(i);
            if (current.begin() < previous.end()) {
                throw new ProbeException(file, "corrupt safetensors file: tensors '" + previous.name() + "' and '"
                        + current.name() + "' overlap");
            }
        }
    }

    /** The file this reader maps. */
    @Override
    public Path file() {
        return file;
    }

    /** Tensor entries by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} entries. */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Set<String> names() {
        return tensors.keySet();
    }

    /** Whether a tensor of this name exists. */
    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public long[] shape(String name) throws ProbeException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new ProbeException(file, "checkpoint has no tensor '" + name + "'");
        }
        return info.shape().clone();
    }

    /**
     * Reads one tensor as float32 in row-major order.
     *
     * @throws ProbeException when there is no such tensor or the tensor has more than 2^31-1 elements
     */
    @Override
    public float[] readFloats(String name) throws ProbeException {
        TensorInfo info = tensors.get(name);
        if (info == null) {
            throw new ProbeException(file, "checkpoint has no tensor '" + name + "'");
        }
        if (info.elements() > Integer.MAX_VALUE - 8) {
            throw new ProbeException(file, "tensor '" + name + "' is too large to read: " + info.elements() + " elements");
        }
        ByteBuffer view;
        try {
            // map just this tensor: checkpoints larger than 2 GB hold tensors that each fit one mapping
            view = channel.map(FileChannel.MapMode.READ_ONLY, info.begin(), info.end() - info.begin())
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new ProbeException(file, "cannot read tensor '" + name + "': " + e.getMessage(), e);
        }
        float[] out = new float[(int) info.elements()];
        switch (info.dtype()) {
            case F32 -> view.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfFloat.f16ToFloat(view.getShort(2 * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = HalfFloat.bf16ToFloat(view.getShort(2 * i));
                }
            }
            default -> throw new IllegalStateException("unhandled dtype " + info.dtype());
        }
        return out;
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
