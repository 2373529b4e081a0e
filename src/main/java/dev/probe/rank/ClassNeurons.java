package dev.probe.rank;

import java.util.Arrays;

/**
 * The neurons a ranking selected for one class of the probe.
 *
 * @param classIndex the row of the weight matrix, ≥ 0
 * @param neurons the selected neuron ids in the order the ranking chose them (see the producing method); copied
 */
public record ClassNeurons(int classIndex, int[] neurons) {

    /** Copies the neuron ids and checks the class index. */
    public ClassNeurons {
        if (classIndex < 0) {
            throw new IllegalArgumentException("class index must be >= 0; found " + classIndex);
        }
        if (neurons == null) {
            throw new IllegalArgumentException("neurons must not be null");
        }
        neurons = neurons.clone();
    }

    /** The selected neuron ids (a copy). */
    @Override
    public int[] neurons() {
        return neurons.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassNeurons other && classIndex == other.classIndex
                && Arrays.equals(neurons, other.neurons);
    }

    @Override
    public int hashCode() {
        return 31 * classIndex + Arrays.hashCode(neurons);
    }

    @Override
    public String toString() {
        return "ClassNeurons[classIndex=" + classIndex + ", neurons=" + Arrays.toString(neurons) + "]";
    }
}
