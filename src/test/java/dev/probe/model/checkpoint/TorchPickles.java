package dev.probe.model.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hand-written pickles and zip archives in the {@code torch.save} layout, for tests of hostile and odd inputs. */
public final class TorchPickles {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** A pickle that starts with PROTO 2. */
    public static TorchPickles protocol2() {
        TorchPickles p = new TorchPickles();
        p.op(0x80).op(2);
        return p;
    }

    /** One opcode or raw byte. */
    public TorchPickles op(int b) {
        out.write(b);
        return this;
    }

    /** GLOBAL module\nname\n. */
    public TorchPickles global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** BINUNICODE. */
    public TorchPickles string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').op(b.length & 0xFF).op(b.length >>> 8 & 0xFF).op(b.length >>> 16 & 0xFF).op(b.length >>> 24);
        out.writeBytes(b);
        return this;
    }

    /** BININT1. */
    public TorchPickles int1(int v) {
        return op('K').op(v);
    }

    /** A non-negative integer below 2^31 as BININT1, BININT2 or BININT. */
    public TorchPickles integer(long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("out of range: " + v);
        }
        if (v < 256) {
            return int1((int) v);
        }
        if (v < 65536) {
            return op('M').op((int) v & 0xFF).op((int) v >>> 8);
        }
        return op('J').op((int) v & 0xFF).op((int) v >>> 8 & 0xFF).op((int) v >>> 16 & 0xFF).op((int) v >>> 24);
    }

    /**
     * A zip-format {@code torch.save} of float32 tensors, as PyTorch writes a state dict: {@code archive/data.pkl}
     * (an OrderedDict of {@code _rebuild_tensor_v2} calls) and one contiguous storage {@code archive/data/<i>} each.
     */
    public static Path stateDict(Path file, Map<String, FloatTensor> tensors) throws IOException {
        TorchPickles p = protocol2().global("collections", "OrderedDict").op(')').op('R').op('(');
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("archive/data.pkl", null); // first, as torch.save writes it
        int key = 0;
        for (Map.Entry<String, FloatTensor> t : tensors.entrySet()) {
            long[] shape = t.getValue().shape();
            long[] stride = new long[shape.length];
            long step = 1;
            for (int i = shape.length - 1; i >= 0; i--) {
                stride[i] = step;
                step *= shape[i];
            }
            float[] data = t.getValue().data();
            p.string(t.getKey()).tensor("FloatStorage", Integer.toString(key), data.length, 0, shape, stride);
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(4 * data.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(data);
            entries.put("archive/data/" + key++, bytes.array());
        }
        entries.put("archive/data.pkl", p.op('u').stop());
        return zip(file, entries);
    }

    /**
     * {@code _rebuild_tensor_v2((storage key, type, numel), offset, shape, stride, False, OrderedDict())}; the
     * shape and stride have one or two dimensions.
     */
    public TorchPickles tensor(String storageType, String key, int numel, int offset, int[] shape, int[] stride) {
        return tensor(storageType, key, numel, offset, java.util.Arrays.stream(shape).asLongStream().toArray(),
                java.util.Arrays.stream(stride).asLongStream().toArray());
    }

    /** As {@link #tensor(String, String, int, int, int[], int[])}, any rank. */
    public TorchPickles tensor(String storageType, String key, long numel, long offset, long[] shape, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", storageType).string(key).string("cpu").integer(numel).op('t')
                .op('Q');
        integer(offset);
        tuple(shape).tuple(stride);
        return op(0x89).global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
    }

    private TorchPickles tuple(long[] values) {
        if (values.length == 0) {
            return op(')');
        }
        if (values.length > 3) {
            op('(');
        }
        for (long v : values) {
            integer(v);
        }
        return op(values.length == 1 ? 0x85 : values.length == 2 ? 0x86 : values.length == 3 ? 0x87 : 't');
    }

    /** The bytes written, ending with STOP. */
    public byte[] stop() {
        return op('.').out.toByteArray();
    }

    /** Writes a zip of stored (uncompressed) entries, as torch.save does. */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
