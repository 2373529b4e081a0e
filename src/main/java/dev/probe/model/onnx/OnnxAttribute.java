package dev.probe.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        List<ByteBuffer> floatParts = new ArrayList<>();
        long[] ints = new long[0];
        int intCount = 0;
        while (in.hasRemaining()) {
            switch (in.nextField()) {
                case 1 -> name = in.readString();
                case 2 -> f = in.readFloat();
                case 3 -> i = in.readVarint();
                case 4 -> s = in.readString();
                case 5 -> t = OnnxTensor.read(in.readMessage());
                case 7 -> floatParts.add(in.readRepeatedFixed(4));
                case 8 -> {
                    long[] more = in.readRepeatedVarint();
                    if ((long) intCount + more.length > ProtoReader.MAX_REPEATED) {
                        throw new MalformedProtoException(in.position(), "attribute '" + name + "' of more than "
                                + ProtoReader.MAX_REPEATED + " ints");
                    }
                    if (intCount + more.length > ints.length) {
                        ints = Arrays.copyOf(ints, Math.max(intCount + more.length, 2 * ints.length));
                    }
                    System.arraycopy(more, 0, ints, intCount, more.length);
                    intCount += more.length;
                }
                case 20 -> type = (int) in.readVarint();
                default -> in.skipField();
            }
        }
        long floatBytes = floatParts.stream().mapToLong(ByteBuffer::remaining).sum();
        if (floatBytes / Float.BYTES > ProtoReader.MAX_REPEATED) {
            throw new MalformedProtoException(in.position(), "attribute '" + name + "' of more than "
                    + ProtoReader.MAX_REPEATED + " floats");
        }
        float[] floats = new float[(int) (floatBytes / Float.BYTES)];
        int at = 0;
        for (ByteBuffer part : floatParts) {
            int n = part.remaining() / Float.BYTES;
            part.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(floats, at, n);
            at += n;
        }
        return new OnnxAttribute(name, type, f, i, s, t, floats, Arrays.copyOf(ints, intCount));
    }
}
