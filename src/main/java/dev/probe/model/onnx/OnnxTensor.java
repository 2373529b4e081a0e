package dev.probe.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A tensor stored in an ONNX file ({@code TensorProto}): an initializer or the value of a {@code Constant} node.
 *
 * <p>Whatever the proto field it came from ({@code raw_data}, packed {@code float_data}, {@code int64_data}, …), the
 * elements are held as little-endian fixed-width bytes in row-major order, usually a slice of the memory-mapped file.
 *
 * @param name the tensor name ("" for a Constant's value)
 * @param dims the shape ({@code []} for a scalar)
 * @param dataType the ONNX element type ({@link #FLOAT}, {@link #INT64}, …)
 * @param data the elements, little-endian
 */
public record OnnxTensor(String name, long[] dims, int dataType, ByteBuffer data) {
    /** ONNX {@code TensorProto.DataType.FLOAT}: float32. */
    public static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.INT32}. */
    public static final int INT32 = 6;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;
    /** ONNX {@code TensorProto.DataType.DOUBLE}: float64. */
    public static final int DOUBLE = 11;

    private static final int EXTERNAL = 1;
    private static final int MAX_RANK = 64;
    private static final long MAX_VARINT_BYTES = Integer.MAX_VALUE - 8;

    /** Copies the dims and makes the data a read-only little-endian view. */
    public OnnxTensor {
        dims = dims.clone();
        data = data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The shape (a copy). */
    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** A fresh little-endian view of the elements, position 0. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The number of elements, the product of the dims. */
    public long elementCount() {
        long count = 1;
        for (long dim : dims) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /** Whether the element type is one {@link #floats()} and {@link #longs()} understand. */
    public boolean isNumeric() {
        return elementSize(dataType) > 0;
    }

    /**
     * The elements as float32 (float64 and integers are converted).
     *
     * @throws IllegalStateException if the element type is not FLOAT, DOUBLE, INT32 or INT64
     */
    public float[] floats() {
        float[] out = new float[checkedCount()];
        ByteBuffer bytes = data();
        if (dataType == FLOAT) {
            bytes.asFloatBuffer().get(out);
        } else if (dataType == DOUBLE) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) bytes.getDouble(i * Double.BYTES);
            }
        } else {
            long[] values = longs();
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i];
            }
        }
        return out;
    }

    /**
     * The elements as 64-bit integers (floats are truncated toward zero).
     *
     * @throws IllegalStateException if the element type is not FLOAT, DOUBLE, INT32 or INT64
     */
    public long[] longs() {
        long[] out = new long[checkedCount()];
        ByteBuffer bytes = data();
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (dataType) {
                case INT64 -> bytes.getLong(i * Long.BYTES);
                case INT32 -> bytes.getInt(i * Integer.BYTES);
                case FLOAT -> (long) bytes.getFloat(i * Float.BYTES);
                default -> (long) bytes.getDouble(i * Double.BYTES);
            };
        }
        return out;
    }

    @Override
    public String toString() {
        return "OnnxTensor[" + name + ", type " + dataType + ", dims " + Arrays.toString(dims) + "]";
    }

    private int checkedCount() {
        if (!isNumeric()) {
            throw new IllegalStateException("tensor '" + name + "' has unsupported ONNX data type " + dataType);
        }
        return (int) elementCount();
    }

    /** Bytes per element of the supported types, 0 for the others. */
    static int elementSize(int dataType) {
        return switch (dataType) {
            case FLOAT, INT32 -> 4;
            case INT64, DOUBLE -> 8;
            default -> 0;
        };
    }

    /**
     * Reads a {@code TensorProto} (dims = 1, data_type = 2, float_data = 4, int32_data = 5, int64_data = 7, name = 8,
     * raw_data = 9, double_data = 10, data_location = 14).
     *
     * @throws MalformedProtoException if the bytes are not a valid message, the payload does not match the shape, or the
     *     data lives in an external file (not supported)
     */
    static OnnxTensor read(ProtoReader in) throws MalformedProtoException {
        int start = in.position();
        List<Long> dims = new ArrayList<>();
        List<ByteBuffer> parts = new ArrayList<>();
        int dataType = 0;
        String name = "";
        boolean external = false;
        int varints = 0;
        while (in.hasRemaining()) {
            int field = in.nextField();
            switch (field) {
                case 1 -> {
                    for (long dim : in.readRepeatedVarint()) {
                        if (dims.size() == MAX_RANK) {
                            throw new MalformedProtoException(start, "tensor of more than " + MAX_RANK + " dimensions");
                        }
                        dims.add(dim);
                    }
                }
                case 2 -> dataType = (int) in.readVarint();
                case 4 -> parts.add(in.readRepeatedFixed(4));
                case 10 -> parts.add(in.readRepeatedFixed(8));
                case 5, 7 -> {
                    long[] values = in.readRepeatedVarint();
                    varints += values.length;
                    if (varints > ProtoReader.MAX_REPEATED) {
                        throw new MalformedProtoException(start, "tensor '" + name + "' of more than "
                                + ProtoReader.MAX_REPEATED + " integer values");
                    }
                    parts.add(encode(values, field == 5 ? 4 : 8));
                }
                case 8 -> name = in.readString();
                case 9 -> parts.add(in.readBytes());
                case 14 -> external = in.readVarint() == EXTERNAL;
                default -> in.skipField();
            }
        }
        if (external) {
            throw new MalformedProtoException(start, "tensor '" + name + "' keeps its data in an external file, "
                    + "which is not supported");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        OnnxTensor tensor = new OnnxTensor(name, shape, dataType, concat(parts, start));
        int size = elementSize(dataType);
        if (size > 0) {
            for (long dim : shape) {
                if (dim < 0) {
                    throw new MalformedProtoException(start, "tensor '" + name + "' has a negative dimension");
                }
            }
            long expected;
            try {
                expected = Math.multiplyExact(tensor.elementCount(), size);
            } catch (ArithmeticException e) {
                expected = Long.MAX_VALUE;
            }
            if (expected != tensor.data.remaining()) {
                throw new MalformedProtoException(start, "tensor '" + name + "' of shape " + Arrays.toString(shape)
                        + " holds " + tensor.data.remaining() + " bytes of data, expected " + expected);
            }
        }
        return tensor;
    }

    private static ByteBuffer encode(long[] values, int width) {
        ByteBuffer out = ByteBuffer.allocate(values.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            if (width == 4) {
                out.putInt((int) value);
            } else {
                out.putLong(value);
            }
        }
        return out.flip();
    }

    private static ByteBuffer concat(List<ByteBuffer> parts, int start) throws MalformedProtoException {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        long total = parts.stream().mapToLong(ByteBuffer::remaining).sum();
        if (total > MAX_VARINT_BYTES) {
            throw new MalformedProtoException(start, "tensor data split into parts of " + total + " bytes in all");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total);
        parts.forEach(part -> out.put(part.duplicate()));
        return out.flip();
    }
}
