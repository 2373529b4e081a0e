package dev.probe.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.probe.model.Intervention;
import dev.probe.model.NeuronEdit;
import java.util.Arrays;
import java.util.Map;

/**
 * An {@link Intervention} as the NDArray code applies it: {@code x ← x · s + o} over the last axis, with
 * {@code s = 1, o = −0} for every neuron not edited ({@code x · 1 + (−0)} is x bit for bit, signed zeros included, so
 * unedited neurons keep their bits), and no operation at all where a layer has no edit.
 */
public final class Edits {
    /** No edit anywhere. */
    public static final Edits NONE = new Edits(Intervention.NONE);

    private final Intervention intervention;

    /** @param intervention the edits to apply */
    public Edits(Intervention intervention) {
        this.intervention = intervention;
    }

    /** Applies the edit of hidden state {@code layer} (0 = embedding output) to {@code x}, or returns x unchanged. */
    public NDArray hidden(int layer, NDArray x) {
        return apply(intervention.hidden(), layer, x);
    }

    /** Applies the edit of FFN layer {@code layer} (1-based) to {@code x}, or returns x unchanged. */
    public NDArray ffn(int layer, NDArray x) {
        return apply(intervention.ffn(), layer, x);
    }

    private static NDArray apply(Map<Integer, NeuronEdit> edits, int layer, NDArray x) {
        NeuronEdit edit = edits.get(layer);
        if (edit == null || edit.units().length == 0) {
            return x;
        }
        long width = x.getShape().get(x.getShape().dimension() - 1); // NdTransformer checked that the units fit
        float[] scale = new float[(int) width];
        float[] offset = new float[(int) width];
        Arrays.fill(scale, 1f);
        Arrays.fill(offset, -0f);
        int[] units = edit.units();
        for (int i = 0; i < units.length; i++) {
            scale[units[i]] = edit.scale()[i];
            offset[units[i]] = edit.offset()[i];
        }
        // created in x's manager: the block or batch scope that x lives in
        NDArray s = x.getManager().create(scale, new Shape(width));
        NDArray o = x.getManager().create(offset, new Shape(width));
        return x.mul(s).add(o);
    }
}
