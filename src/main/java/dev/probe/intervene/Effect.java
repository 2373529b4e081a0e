package dev.probe.intervene;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured effect of an intervention: the selected set's value and the same measure over the matched random sets.
 * Larger means more damage (accuracy and probability drops, output changes).
 *
 * @param measure what was measured ({@link Measure})
 * @param layer the layer of the probe measured, the model's last layer for output and LM measures, or null for the
 *     ranking's oracle (all layers)
 * @param label the class the value is restricted to ({@code "class"} in JSON), or null for all words
 * @param set the neuron set's spec
 * @param neurons how many neurons were changed
 * @param value the selected set's effect
 * @param randomMean the mean effect of the matched random sets
 * @param randomSd their sample standard deviation
 */
public record Effect(String measure, Integer layer, @JsonProperty("class") String label, String set, int neurons,
        double value, double randomMean, double randomSd) {

    /** (value − random mean) / random sd, or NaN when the random sets did not vary. */
    public double z() {
        return randomSd > 0 ? (value - randomMean) / randomSd : Double.NaN;
    }
}
