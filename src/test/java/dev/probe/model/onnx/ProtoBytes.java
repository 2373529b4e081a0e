package dev.probe.model.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds protobuf wire-format bytes by hand for tests (an encoder independent of the reader under test). */
final class ProtoBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    ProtoBytes varint(long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return this;
    }

    ProtoBytes tag(int field, int wireType) {
        return varint(((long) field << 3) | wireType);
    }

    ProtoBytes varintField(int field, long value) {
        return tag(field, 0).varint(value);
    }

    ProtoBytes fixed32Field(int field, int bits) {
        tag(field, 5);
        return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array());
    }

    ProtoBytes floatField(int field, float value) {
        return fixed32Field(field, Float.floatToRawIntBits(value));
    }

    ProtoBytes fixed64Field(int field, long bits) {
        tag(field, 1);
        return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array());
    }

    ProtoBytes bytesField(int field, byte[] bytes) {
        tag(field, 2).varint(bytes.length);
        return raw(bytes);
    }

    ProtoBytes stringField(int field, String value) {
        return bytesField(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoBytes messageField(int field, ProtoBytes message) {
        return bytesField(field, message.toByteArray());
    }

    ProtoBytes packedFloats(int field, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return bytesField(field, b.array());
    }

    ProtoBytes packedVarints(int field, long... values) {
        ProtoBytes run = new ProtoBytes();
        for (long v : values) {
            run.varint(v);
        }
        return bytesField(field, run.toByteArray());
    }

    ProtoBytes raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    ByteBuffer buffer() {
        return ByteBuffer.wrap(toByteArray());
    }
}
