package dev.probe.probe;

/**
 * A trained linear probe: {@code scores = W·x + b} over the (optionally standardised) neurons it reads.
 *
 * @param task classification or regression
 * @param labels class labels (classification), or null
 * @param features which neurons, and their standardisation
 * @param outputs number of outputs: classes, or 1 for regression
 * @param width number of input neurons
 * @param weights {@code [outputs, width]}, row-major
 * @param bias {@code [outputs]}
 */
public record LinearProbe(ProbeOptions.Task task, LabelIndex labels, Features features, int outputs, int width,
        float[] weights, float[] bias) {
    public LinearProbe {
        if (weights.length != (long) outputs * width || bias.length != outputs) {
            throw new IllegalArgumentException("weights must be " + outputs + " x " + width + " and bias " + outputs);
        }
    }

    /** The weights as {@code [outputs][width]} rows, for rankings. */
    public float[][] weightRows() {
        float[][] rows = new float[outputs][width];
        for (int c = 0; c < outputs; c++) {
            System.arraycopy(weights, c * width, rows[c], 0, width);
        }
        return rows;
    }

    /** The same probe with some weights replaced (ablation: zeroed neurons). */
    public LinearProbe withWeights(float[] newWeights) {
        return new LinearProbe(task, labels, features, outputs, width, newWeights, bias);
    }
}
