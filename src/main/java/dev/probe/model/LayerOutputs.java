package dev.probe.model;

import java.util.List;

/**
 * Activations of the requested layers for one batch, as plain Java arrays.
 *
 * @param size number of sequences
 * @param length padded sequence length
 * @param width neurons per layer
 * @param layers the layer indices, in the order of {@code values}
 * @param values one array per layer, row-major {@code [size, length, width]}
 */
public record LayerOutputs(int size, int length, int width, List<Integer> layers, List<float[]> values) {
    public LayerOutputs {
        layers = List.copyOf(layers);
        values = List.copyOf(values);
        if (layers.size() != values.size()) {
            throw new IllegalArgumentException(layers.size() + " layers but " + values.size() + " arrays");
        }
        long n = (long) size * length * width;
        for (float[] v : values) {
            if (v.length != n) {
                throw new IllegalArgumentException("layer array of " + v.length + " values, expected " + n);
            }
        }
    }

    /** Offset of position {@code (sequence, token)} in a layer's array. */
    public int offset(int sequence, int token) {
        return (sequence * length + token) * width;
    }
}
