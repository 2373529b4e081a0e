package dev.probe.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProtoReaderTest {

    @Test
    void readsTheVarintFromTheProtobufDocumentation() throws Exception {
        // field 1, varint 150: 08 96 01 (the encoding example of the protobuf docs)
        ProtoReader in = new ProtoReader(ByteBuffer.wrap(new byte[] {0x08, (byte) 0x96, 0x01}));
        assertThat(in.nextField()).isEqualTo(1);
        assertThat(in.wireType()).isEqualTo(ProtoReader.VARINT);
        assertThat(in.readVarint()).isEqualTo(150);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void readsMultiByteAndNegativeVarints() throws Exception {
        ByteBuffer bytes = new ProtoBytes().varintField(1, 300).varintField(2, -1).varintField(3, Long.MIN_VALUE)
                .varintField(4, Long.MAX_VALUE).varintField(5, 1L << 35).buffer();
        // -1 as int64 takes all ten bytes: nine 0xff and a final 0x01
        assertThat(bytes.limit()).isEqualTo(3 + 11 + 11 + 10 + 7);
        ProtoReader in = new ProtoReader(bytes);
        long[] expected = {300, -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 35};
        for (int field = 1; field <= 5; field++) {
            assertThat(in.nextField()).isEqualTo(field);
            assertThat(in.readVarint()).isEqualTo(expected[field - 1]);
        }
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void readsFixedWidthValuesLittleEndian() throws Exception {
        ProtoReader in = new ProtoReader(new ProtoBytes().floatField(2, -1.5f).fixed64Field(3, 0x0102030405060708L)
                .buffer());
        assertThat(in.nextField()).isEqualTo(2);
        assertThat(in.readFloat()).isEqualTo(-1.5f);
        assertThat(in.nextField()).isEqualTo(3);
        assertThat(in.readFixed64()).isEqualTo(0x0102030405060708L);
    }

    @Test
    void readsPackedAndUnpackedRepeatedFields() throws Exception {
        ByteBuffer bytes = new ProtoBytes().packedFloats(4, 1f, -2f, 0.25f).floatField(4, 7f)
                .packedVarints(7, 3, -4, 1L << 40).varintField(7, 5).buffer();
        ProtoReader in = new ProtoReader(bytes);
        assertThat(in.nextField()).isEqualTo(4);
        ByteBuffer packed = in.readRepeatedFixed(4);
        assertThat(packed.remaining()).isEqualTo(12);
        assertThat(new float[] {packed.getFloat(0), packed.getFloat(4), packed.getFloat(8)})
                .containsExactly(1f, -2f, 0.25f);
        assertThat(in.nextField()).isEqualTo(4);
        assertThat(in.readRepeatedFixed(4).getFloat(0)).isEqualTo(7f);
        assertThat(in.nextField()).isEqualTo(7);
        assertThat(in.readRepeatedVarint()).containsExactly(3, -4, 1L << 40);
        assertThat(in.nextField()).isEqualTo(7);
        assertThat(in.readRepeatedVarint()).containsExactly(5);
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() throws Exception {
        ByteBuffer bytes = new ProtoBytes().varintField(90, -7).fixed64Field(91, 1).fixed32Field(92, 2)
                .stringField(93, "ignored").messageField(94, new ProtoBytes().varintField(1, 1))
                .stringField(1, "kept").buffer();
        ProtoReader in = new ProtoReader(bytes);
        String kept = null;
        while (in.hasRemaining()) {
            if (in.nextField() == 1) {
                kept = in.readString();
            } else {
                in.skipField();
            }
        }
        assertThat(kept).isEqualTo("kept");
    }

    @Test
    void nestedMessagesAreBoundedByTheirLength() throws Exception {
        ByteBuffer bytes = new ProtoBytes().messageField(1, new ProtoBytes().varintField(1, 42))
                .varintField(2, 43).buffer();
        ProtoReader in = new ProtoReader(bytes);
        assertThat(in.nextField()).isEqualTo(1);
        ProtoReader inner = in.readMessage();
        assertThat(inner.nextField()).isEqualTo(1);
        assertThat(inner.readVarint()).isEqualTo(42);
        assertThat(inner.hasRemaining()).isFalse();
        assertThat(in.nextField()).isEqualTo(2);
        assertThat(in.readVarint()).isEqualTo(43);
    }

    @Test
    void bytesAreASliceNotACopy() throws Exception {
        ByteBuffer bytes = new ProtoBytes().bytesField(9, new byte[] {1, 2, 3, 4}).buffer();
        ProtoReader in = new ProtoReader(bytes);
        in.nextField();
        ByteBuffer slice = in.readBytes();
        bytes.put(2, (byte) 99);
        assertThat(slice.get(0)).isEqualTo((byte) 99);
        assertThat(bytes.position()).isZero();
    }

    @Test
    void truncatedInputIsRejected() {
        byte[] whole = new ProtoBytes().stringField(1, "hello").toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length - 2);
        assertThatThrownBy(() -> {
            ProtoReader in = new ProtoReader(ByteBuffer.wrap(cut));
            in.nextField();
            in.readString();
        }).isInstanceOf(MalformedProtoException.class).hasMessageContaining("runs past the end");

        assertThatThrownBy(() -> {
            ProtoReader in = new ProtoReader(ByteBuffer.wrap(new byte[] {0x08, (byte) 0x96}));
            in.nextField();
            in.readVarint();
        }).isInstanceOf(MalformedProtoException.class).hasMessageContaining("truncated varint");

        assertThatThrownBy(() -> {
            ProtoReader in = new ProtoReader(ByteBuffer.wrap(new byte[] {0x0d, 1, 2}));
            in.nextField();
            in.readFixed32();
        }).isInstanceOf(MalformedProtoException.class).hasMessageContaining("truncated fixed32");
    }

    @Test
    void malformedTagsAndMismatchedWireTypesAreRejected() {
        byte[] elevenBytes = {0x08, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0x01};
        assertThatThrownBy(() -> {
            ProtoReader in = new ProtoReader(ByteBuffer.wrap(elevenBytes));
            in.nextField();
            in.readVarint();
        }).isInstanceOf(MalformedProtoException.class).hasMessageContaining("longer than 10 bytes");
        // wire type 3 (start group) is not supported; field number 0 is invalid
        assertThatThrownBy(() -> new ProtoReader(ByteBuffer.wrap(new byte[] {0x0b})).nextField())
                .isInstanceOf(MalformedProtoException.class).hasMessageContaining("wire type 3");
        assertThatThrownBy(() -> new ProtoReader(ByteBuffer.wrap(new byte[] {0x00})).nextField())
                .isInstanceOf(MalformedProtoException.class).hasMessageContaining("field number 0");
        assertThatThrownBy(() -> {
            ProtoReader in = new ProtoReader(new ProtoBytes().varintField(1, 5).buffer());
            in.nextField();
            in.readString();
        }).isInstanceOf(MalformedProtoException.class).hasMessageContaining("wire type 0");
    }
}
