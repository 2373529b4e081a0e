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

    /**
     * {@code _rebuild_tensor_v2((storage key, type, numel), offset, shape, stride, False, OrderedDict())}; the
     * shape and stride have one or two dimensions.
     */
    public TorchPickles tensor(String storageType, String key, int numel, int offset, int[] shape, int[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').string("storage").global("torch", storageType).string(key).string("cpu").int1(numel).op('t').op('Q');
        int1(offset);
        tuple(shape).tuple(stride);
        return op(0x89).global("collections", "OrderedDict").op(')').op('R').op('t').op('R');
    }

    private TorchPickles tuple(int[] values) {
        for (int v : values) {
            int1(v);
        }
        return op(values.length == 1 ? 0x85 : 0x86);
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
