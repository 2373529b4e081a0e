package dev.probe.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reader of the protocol-buffers wire format over a {@link ByteBuffer}, so that a large file can be memory-mapped and
 * its tensor payloads handed out as slices instead of copies. Used for ONNX graphs and SentencePiece models.
 *
 * <p>Usage: {@code while (r.hasRemaining()) { switch (r.nextField()) { case 1 -> r.readString(); default -> r.skipField(); } }}.
 * Each {@link #nextField()} reads a tag; the value must then be consumed by exactly one read method that fits its wire
 * type, or skipped. Repeated scalar fields may arrive packed (one length-delimited run) or one value per tag; the
 * {@code readRepeated…} methods accept both.
 *
 * <p>The reader never changes the buffer it was given. It is not thread-safe; each message gets its own reader from
 * {@link #readMessage()}. Positions in error messages are offsets in the outermost buffer.
 */
public final class ProtoReader {
    /** Wire type of varint-encoded scalars (int32, int64, enum, bool). */
    public static final int VARINT = 0;
    /** Wire type of 8-byte little-endian scalars (fixed64, double). */
    public static final int FIXED64 = 1;
    /** Wire type of strings, bytes, sub-messages and packed repeated scalars. */
    public static final int LENGTH_DELIMITED = 2;
    /** Wire type of 4-byte little-endian scalars (fixed32, float). */
    public static final int FIXED32 = 5;

    /** The most values one repeated varint field may hold in a message (2^24): a packed-varint bomb is refused. */
    static final int MAX_REPEATED = 1 << 24;

    private final ByteBuffer buffer;
    private final int limit;
    private int position;
    private int wireType = -1;

    /** A reader of the bytes between the buffer's position and limit. */
    public ProtoReader(ByteBuffer buffer) {
        this(buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN), buffer.position(), buffer.limit());
    }

    private ProtoReader(ByteBuffer buffer, int position, int limit) {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
    }

    /** Whether another field follows. */
    public boolean hasRemaining() {
        return position < limit;
    }

    /** The current offset in the underlying buffer. */
    int position() {
        return position;
    }

    /** The wire type of the field whose tag was read last. */
    public int wireType() {
        return wireType;
    }

    /**
     * Reads a tag.
     *
     * @return the field number (≥ 1); its wire type is then {@link #wireType()}
     */
    public int nextField() throws MalformedProtoException {
        int start = position;
        long tag = varint();
        int type = (int) (tag & 7);
        long field = tag >>> 3;
        if (field < 1 || field > (1 << 29) - 1) {
            throw new MalformedProtoException(start, "invalid field number " + field);
        }
        if (type != VARINT && type != FIXED64 && type != LENGTH_DELIMITED && type != FIXED32) {
            throw new MalformedProtoException(start, "unsupported wire type " + type + " for field " + field);
        }
        wireType = type;
        return (int) field;
    }

    /** Reads a varint field's value (int32, int64, enum, bool); negative int64 values take 10 bytes. */
    public long readVarint() throws MalformedProtoException {
        expect(VARINT);
        return varint();
    }

    private long varint() throws MalformedProtoException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (position >= limit) {
                throw new MalformedProtoException(position, "truncated varint");
            }
            byte b = buffer.get(position++);
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new MalformedProtoException(position, "varint longer than 10 bytes");
    }

    /** Reads a 4-byte little-endian value. */
    int readFixed32() throws MalformedProtoException {
        expect(FIXED32);
        require(4, "fixed32");
        int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    /** Reads an 8-byte little-endian value. */
    long readFixed64() throws MalformedProtoException {
        expect(FIXED64);
        require(8, "fixed64");
        long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    /** Reads a float field (wire type fixed32). */
    public float readFloat() throws MalformedProtoException {
        return Float.intBitsToFloat(readFixed32());
    }

    /**
     * Reads a length-delimited field as a little-endian slice of the underlying buffer (no copy). The slice's position
     * is 0 and its limit the field length.
     */
    public ByteBuffer readBytes() throws MalformedProtoException {
        expect(LENGTH_DELIMITED);
        int start = position;
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw new MalformedProtoException(start, "length-delimited field of " + length + " bytes runs past the end ("
                    + (limit - position) + " bytes left)");
        }
        ByteBuffer slice = buffer.slice(position, (int) length).order(ByteOrder.LITTLE_ENDIAN);
        position += (int) length;
        return slice;
    }

    /** Reads a UTF-8 string field. */
    public String readString() throws MalformedProtoException {
        ByteBuffer bytes = readBytes();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return new String(array, StandardCharsets.UTF_8);
    }

    /** Reads an embedded message and returns a reader limited to its bytes. */
    public ProtoReader readMessage() throws MalformedProtoException {
        expect(LENGTH_DELIMITED);
        int start = position;
        long length = varint();
        if (length < 0 || length > limit - position) {
            throw new MalformedProtoException(start, "embedded message of " + length + " bytes runs past the end ("
                    + (limit - position) + " bytes left)");
        }
        ProtoReader sub = new ProtoReader(buffer, position, position + (int) length);
        position += (int) length;
        return sub;
    }

    /**
     * Reads one occurrence of a repeated varint field: a packed run (all its values) or a single value.
     */
    long[] readRepeatedVarint() throws MalformedProtoException {
        if (wireType == VARINT) {
            return new long[] {varint()};
        }
        int start = position;
        ProtoReader run = readMessage();
        long[] values = new long[8];
        int count = 0;
        while (run.hasRemaining()) {
            if (count == MAX_REPEATED) {
                throw new MalformedProtoException(start, "packed run of more than " + MAX_REPEATED + " values");
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, Math.min(count * 2, MAX_REPEATED));
            }
            values[count++] = run.varint();
        }
        return Arrays.copyOf(values, count);
    }

    /**
     * Reads one occurrence of a repeated fixed-width field (float, double, fixed32, fixed64) as little-endian bytes: a
     * packed run (a slice, no copy) or a single value.
     *
     * @param width 4 or 8
     */
    ByteBuffer readRepeatedFixed(int width) throws MalformedProtoException {
        int start = position;
        if (wireType == (width == 4 ? FIXED32 : FIXED64)) {
            require(width, "fixed" + width * 8);
            ByteBuffer slice = buffer.slice(position, width).order(ByteOrder.LITTLE_ENDIAN);
            position += width;
            return slice;
        }
        ByteBuffer run = readBytes();
        if (run.remaining() % width != 0) {
            throw new MalformedProtoException(start, "packed run of " + run.remaining() + " bytes is not a multiple of "
                    + width);
        }
        return run;
    }

    /** Skips the value of the field whose tag was read last. */
    public void skipField() throws MalformedProtoException {
        switch (wireType) {
            case VARINT -> varint();
            case FIXED64 -> readFixed64();
            case FIXED32 -> readFixed32();
            case LENGTH_DELIMITED -> readBytes();
            default -> throw new IllegalStateException("skipField() without a preceding nextField()");
        }
    }

    /**
     * Checks that the last tag had the given wire type.
     *
     * @throws MalformedProtoException if it had another
     */
    void expect(int expectedWireType) throws MalformedProtoException {
        if (wireType != expectedWireType) {
            throw new MalformedProtoException(position, "wire type " + wireType + " where " + expectedWireType
                    + " was expected");
        }
    }

    private void require(int bytes, String what) throws MalformedProtoException {
        if (limit - position < bytes) {
            throw new MalformedProtoException(position, "truncated " + what);
        }
    }
}
