package dev.probe.model;

import java.util.Arrays;

/**
 * An affine change of chosen neurons of one layer, applied at every token position:
 * {@code x[…, units[i]] ← scale[i] · x[…, units[i]] + offset[i]}; every other neuron is left as it is. Zeroing is
 * (0, 0), setting to a mean μ is (0, μ), a translation by δ is (1, δ).
 *
 * @param units neuron indices within the layer, strictly increasing
 * @param scale one factor per unit
 * @param offset one offset per unit
 */
public record NeuronEdit(int[] units, float[] scale, float[] offset) {
    public NeuronEdit {
        units = units.clone();
        scale = scale.clone();
        offset = offset.clone();
        if (scale.length != units.length || offset.length != units.length) {
            throw new IllegalArgumentException(units.length + " units but " + scale.length + " factors and "
                    + offset.length + " offsets");
        }
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0 || i > 0 && units[i] <= units[i - 1]) {
                throw new IllegalArgumentException("units must be non-negative and strictly increasing: "
                        + Arrays.toString(units));
            }
            if (!Float.isFinite(scale[i]) || !Float.isFinite(offset[i])) {
                throw new IllegalArgumentException("non-finite edit of unit " + units[i]);
            }
        }
    }

    /** Sets the units to zero. */
    public static NeuronEdit zero(int[] units) {
        return new NeuronEdit(units, new float[units.length], new float[units.length]);
    }

    /** Sets each unit to a constant (e.g. its training mean). */
    public static NeuronEdit set(int[] units, float[] values) {
        return new NeuronEdit(units, new float[units.length], values);
    }

    /** Adds a constant to each unit. */
    public static NeuronEdit shift(int[] units, float[] deltas) {
        float[] ones = new float[units.length];
        Arrays.fill(ones, 1f);
        return new NeuronEdit(units, ones, deltas);
    }

    /** The largest unit index plus one (0 when empty): the layer must be at least this wide. */
    public int span() {
        return units.length == 0 ? 0 : units[units.length - 1] + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronEdit e && Arrays.equals(units, e.units) && Arrays.equals(scale, e.scale)
                && Arrays.equals(offset, e.offset);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(units) + Arrays.hashCode(scale)) + Arrays.hashCode(offset);
    }

    @Override
    public String toString() {
        return "NeuronEdit" + Arrays.toString(units);
    }
}
