package dev.probe.model.checkpoint;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (C) order: element {@code [i0, i1, …]} is at
 * {@code data[((i0 * shape[1]) + i1) * shape[2] + …]}.
 *
 * <p>The shape is copied; the data array is <em>not</em> (tensors of tens of millions of floats are passed around), so
 * the caller must not change it afterwards. A scalar has shape {@code []} and one element.
 *
 * @param shape the dimensions, each ≥ 0
 * @param data the elements, {@code product(shape)} of them
 */
public record FloatTensor(long[] shape, float[] data) {

    /** Checks that the shape is valid and matches the number of elements. */
    public FloatTensor {
        if (shape == null || data == null) {
            throw new IllegalArgumentException("shape and data must not be null");
        }
        shape = shape.clone();
        long count = elementCount(shape);
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + count
                    + " elements but data has " + data.length);
        }
    }

    /**
     * The number of elements a shape describes.
     *
     * @throws IllegalArgumentException if a dimension is negative or the product overflows a Java array
     */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= dim;
            if (count > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for one array");
            }
        }
        return count;
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** One dimension. */
    public long dim(int axis) {
        return shape[axis];
    }

    /**
     * The transpose of a matrix: {@code [rows, cols]} becomes {@code [cols, rows]} with {@code out[j][i] = in[i][j]}.
     *
     * @throws IllegalStateException if this tensor is not two-dimensional
     */
    public FloatTensor transpose2d() {
        if (shape.length != 2) {
            throw new IllegalStateException("transpose2d needs a matrix, shape is " + Arrays.toString(shape));
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] out = new float[data.length];
        final int block = 64; // tiles keep both the read and the write side in cache
        for (int r0 = 0; r0 < rows; r0 += block) {
            int r1 = Math.min(rows, r0 + block);
            for (int c0 = 0; c0 < cols; c0 += block) {
                int c1 = Math.min(cols, c0 + block);
                for (int r = r0; r < r1; r++) {
                    int rowBase = r * cols;
                    for (int c = c0; c < c1; c++) {
                        out[c * rows + r] = data[rowBase + c];
                    }
                }
            }
        }
        return new FloatTensor(new long[] {cols, rows}, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor that && Arrays.equals(shape, that.shape) && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** The shape only; the data may be millions of numbers. */
    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
