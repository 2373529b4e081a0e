package dev.probe.model.checkpoint;

import dev.probe.ProbeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The central directory of a zip file, read from the end of the file (zip64 included), with the position of each
 * entry's data so that a stored (uncompressed) entry can be memory-mapped in place. Nothing is decompressed: callers
 * decide what to do with compressed entries. Every size and offset is checked against the file size.
 */
final class ZipDirectory {
    /** The most central-directory bytes read; a state dict of 10^5 tensors needs a few MiB. */
    private static final long MAX_DIRECTORY = 256L << 20;
    private static final int EOCD = 0x06054b50;
    private static final int EOCD64 = 0x06064b50;
    private static final int EOCD64_LOCATOR = 0x07064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long U32 = 0xFFFFFFFFL;

    /**
     * One entry.
     *
     * @param name the entry name
     * @param method 0 for stored, 8 for deflated, …
     * @param size uncompressed size in bytes
     * @param storedSize compressed size in bytes (the size for stored entries)
     * @param dataOffset where the entry's (compressed) bytes begin in the file
     */
    record Entry(String name, int method, long size, long storedSize, long dataOffset) {
        boolean stored() {
            return method == 0 && size == storedSize;
        }
    }

    private ZipDirectory() {
    }

    /** The entries by name, in directory order. */
    static Map<String, Entry> read(Path file, FileChannel channel) throws ProbeException, IOException {
        long size = channel.size();
        int tailLength = (int) Math.min(size, 22 + 0xFFFF + 20);
        ByteBuffer tail = read(channel, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0; i--) {
            if (tail.getInt(i) == EOCD && i + 22 + Short.toUnsignedInt(tail.getShort(i + 20)) <= tailLength) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw corrupt(file, "no end-of-central-directory record");
        }
        long entries = Short.toUnsignedInt(tail.getShort(eocd + 10));
        long directorySize = Integer.toUnsignedLong(tail.getInt(eocd + 12));
        long directoryOffset = Integer.toUnsignedLong(tail.getInt(eocd + 16));
        if (entries == 0xFFFF || directorySize == U32 || directoryOffset == U32) {
            if (eocd < 20 || tail.getInt(eocd - 20) != EOCD64_LOCATOR) {
                throw corrupt(file, "zip64 fields without a zip64 locator");
            }
            long at = tail.getLong(eocd - 20 + 8);
            if (at < 0 || at > size - 56) {
                throw corrupt(file, "zip64 end record outside the file");
            }
            ByteBuffer end64 = read(channel, at, 56);
            if (end64.getInt(0) != EOCD64) {
                throw corrupt(file, "bad zip64 end record");
            }
            entries = end64.getLong(32);
            directorySize = end64.getLong(40);
            directoryOffset = end64.getLong(48);
        }
        if (directorySize < 0 || directoryOffset < 0 || directorySize > size
                || directoryOffset > size - directorySize) {
            throw corrupt(file, "central directory outside the file");
        }
        if (directorySize > MAX_DIRECTORY) {
            throw new ProbeException(file, "zip central directory of " + directorySize + " bytes is larger than the "
                    + (MAX_DIRECTORY >> 20) + " MiB this tool reads");
        }
        if (entries < 0 || entries > directorySize / 46) {
            throw corrupt(file, entries + " entries cannot fit a central directory of " + directorySize + " bytes");
        }
        ByteBuffer dir = read(channel, directoryOffset, (int) directorySize);
        Map<String, Entry> result = new LinkedHashMap<>();
        int p = 0;
        for (long n = 0; n < entries; n++) {
            if (p > dir.limit() - 46 || dir.getInt(p) != CENTRAL) {
                throw corrupt(file, "bad central directory entry " + n);
            }
            int flags = Short.toUnsignedInt(dir.getShort(p + 8));
            int method = Short.toUnsignedInt(dir.getShort(p + 10));
            long storedSize = Integer.toUnsignedLong(dir.getInt(p + 20));
            long entrySize = Integer.toUnsignedLong(dir.getInt(p + 24));
            int nameLength = Short.toUnsignedInt(dir.getShort(p + 28));
            int extraLength = Short.toUnsignedInt(dir.getShort(p + 30));
            int commentLength = Short.toUnsignedInt(dir.getShort(p + 32));
            long localOffset = Integer.toUnsignedLong(dir.getInt(p + 42));
            int next = p + 46 + nameLength + extraLength + commentLength;
            if (next > dir.limit()) {
                throw corrupt(file, "central directory entry " + n + " runs past the directory");
            }
            byte[] nameBytes = new byte[nameLength];
            dir.get(p + 46, nameBytes);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            // zip64 extra field: the 8-byte values replace, in this order, the 32-bit fields that are 0xFFFFFFFF
            for (int e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
                int id = Short.toUnsignedInt(dir.getShort(e));
                int length = Short.toUnsignedInt(dir.getShort(e + 2));
                int q = e + 4;
                int end = q + length;
                if (end > p + 46 + nameLength + extraLength) {
                    throw corrupt(file, "extra field of entry '" + name + "' runs past its end");
                }
                if (id == 1) {
                    if (entrySize == U32 && q + 8 <= end) {
                        entrySize = dir.getLong(q);
                        q += 8;
                    }
                    if (storedSize == U32 && q + 8 <= end) {
                        storedSize = dir.getLong(q);
                        q += 8;
                    }
                    if (localOffset == U32 && q + 8 <= end) {
                        localOffset = dir.getLong(q);
                    }
                }
                e = end;
            }
            if ((flags & 1) != 0) {
                throw new ProbeException(file, "zip entry '" + name + "' is encrypted");
            }
            if (entrySize < 0 || storedSize < 0 || localOffset < 0 || localOffset > size - 30) {
                throw corrupt(file, "entry '" + name + "' has its header outside the file");
            }
            ByteBuffer local = read(channel, localOffset, 30);
            if (local.getInt(0) != LOCAL) {
                throw corrupt(file, "entry '" + name + "' has no local header at byte " + localOffset);
            }
            long dataOffset = localOffset + 30 + Short.toUnsignedInt(local.getShort(26))
                    + Short.toUnsignedInt(local.getShort(28));
            if (dataOffset > size || storedSize > size - dataOffset) {
                throw corrupt(file, "entry '" + name + "' of " + storedSize + " bytes runs past the end of the file");
            }
            if (result.put(name, new Entry(name, method, entrySize, storedSize, dataOffset)) != null) {
                throw corrupt(file, "entry '" + name + "' appears twice");
            }
            p = next;
        }
        return Collections.unmodifiableMap(result);
    }

    /** {@code length} bytes at {@code position}, little-endian; the range must lie inside the file. */
    static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static ProbeException corrupt(Path file, String what) {
        return new ProbeException(file, "corrupt zip file: " + what);
    }
}
