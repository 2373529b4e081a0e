package dev.probe.intervene;

import dev.probe.model.Intervention;
import dev.probe.model.NeuronEdit;
import dev.probe.model.ProbePoint;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a neuron set becomes the model's {@link Intervention}: each neuron id is a (layer, unit) of the stores' layout,
 * and its edit follows the mode.
 *
 * @param point where the stores read the neurons (the edits apply there)
 * @param layers the stores' layers, in column order
 * @param width neurons per layer
 * @param mode what is done to each neuron
 * @param beta the translation's factor ({@link EditMode#SHIFT}); ignored otherwise
 * @param means the training means ({@link EditMode#MEAN}: {@code all}; {@link EditMode#SHIFT}: {@code from} and
 *     {@code to}); null for {@link EditMode#ZERO}
 */
public record EditPlan(ProbePoint point, List<Integer> layers, int width, EditMode mode, double beta,
        NeuronMeans means) {
    public EditPlan {
        layers = List.copyOf(layers);
        if (mode != EditMode.ZERO && means == null) {
            throw new IllegalArgumentException(mode.id() + " needs the training means");
        }
        if (mode == EditMode.SHIFT && (means.from() == null || means.to() == null)) {
            throw new IllegalArgumentException("shift needs the means of both classes");
        }
        if (!Double.isFinite(beta)) {
            throw new IllegalArgumentException("beta must be finite");
        }
    }

    /** The edits for these neuron ids, by model layer. */
    public Intervention edits(int[] neurons) {
        int[] sorted = neurons.clone();
        Arrays.sort(sorted);
        Map<Integer, NeuronEdit> edits = new TreeMap<>();
        int i = 0;
        while (i < sorted.length) {
            int position = sorted[i] / width;
            int end = i;
            while (end < sorted.length && sorted[end] / width == position) {
                end++;
            }
            int[] units = new int[end - i];
            float[] values = new float[end - i];
            for (int k = i; k < end; k++) {
                units[k - i] = sorted[k] % width;
                values[k - i] = value(sorted[k]);
            }
            edits.put(layers.get(position), switch (mode) {
                case ZERO -> NeuronEdit.zero(units);
                case MEAN -> NeuronEdit.set(units, values);
                case SHIFT -> NeuronEdit.shift(units, values);
            });
            i = end;
        }
        return Intervention.at(point, edits);
    }

    /** The mean a neuron is set to, or the translation it gets. */
    private float value(int neuron) {
        return switch (mode) {
            case ZERO -> 0f;
            case MEAN -> (float) means.all()[neuron];
            case SHIFT -> (float) (beta * (means.to()[neuron] - means.from()[neuron]));
        };
    }
}
