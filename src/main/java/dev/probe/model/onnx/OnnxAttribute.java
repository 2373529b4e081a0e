package dev.probe.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * One attribute of an ONNX node ({@code AttributeProto}). Only the field that {@code type} names is meaningful; the
 * others hold their defaults (0, "", {@code null}, empty arrays). Sub-graphs and sparse tensors are not read.
 *
 * @param name the attribute name, e.g. {@code "perm"}, {@code "value"}
 * @param type the ONNX attribute type ({@link #FLOAT}, {@link #INT}, …)
 * @param f the value of a FLOAT attribute
 * @param i the value of an INT attribute
 * @param s the value of a STRING attribute, decoded as UTF-8
 * @param t the value of a TENSOR attribute, or {@code null}
 * @param floats the values of a FLOATS attribute
 * @param ints the values of an INTS attribute
 */
public record OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, float[] floats,
        long[] ints) {
    /** Attribute type FLOAT. */
    public static final int FLOAT = 1;
    /** Attribute type INT. */
    public static final int INT = 2;
    /** Attribute type STRING. */
    public static final int STRING = 3;
    /** Attribute type TENSOR. */
    public static final int TENSOR = 4;
    /** Attribute type FLOATS. */
    public static final int FLOATS = 6;
    /** Attribute type INTS. */
    public static final int INTS = 7;

    /** Copies the arrays. */
    public OnnxAttribute {
        floats = floats.clone();
        ints = ints.clone();
    }

    /** The FLOATS values (a copy). */
    @Override
    public float[] floats() {
        return floats.clone();
    }

    /** The INTS values (a copy). */
    @Override
    public long[] ints() {
        return ints.clone();
    }

    /** The tensor value, if this is a TENSOR attribute. */
    public Optional<OnnxTensor> tensor() {
        return Optional.ofNullable(t);
    }

    @Override
    public String toString() {
        return "OnnxAttribute[" + name + ", type " + type + ", f " + f + ", i " + i + ", s " + s + ", t " + t
                + ", floats " + Arrays.toString(floats) + ", ints " + Arrays.toString(ints) + "]";
    }

    /**
     * Reads an {@code AttributeProto} (name = 1, f = 2, i = 3, s = 4, t = 5, floats = 7, ints = 8, type = 20).
     */
    static OnnxAttribute read(ProtoReader in) throws MalformedProtoException {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = "";
        OnnxTensor t = null;
        ByteBuffer floatBytes = ByteBuffer.allocate(0);
        long[] ints = new long[0];
        while (in.hasRemaining()) {
            switch (in.nextField()) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readVarint();
                case 4 -> s = in.readString();
                case 5 -> t = OnnxTensor.read(in.readMessage());
                case 7 -> floatBytes = append(floatBytes, in.readRepeatedFixed(4));
                case 8 -> ints = append(ints, in.readRepeatedVarint());
                case 20 -> type = (int) in.readVarint();
                default -> in.skipField();
            }
        }
        float[] floats = new float[floatBytes.remaining() / Float.BYTES];
        floatBytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats);
        return new OnnxAttribute(name, type, f, i, s, t, floats, ints);
    }

    private static ByteBuffer append(ByteBuffer head, ByteBuffer tail) {
        return ByteBuffer.allocate(head.remaining() + tail.remaining()).put(head).put(tail).flip();
    }

    private static long[] append(long[] head, long[] tail) {
        long[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }
}
