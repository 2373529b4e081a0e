package dev.probe.rank;

import java.util.Arrays;
import java.util.List;

/**
 * A neuron set selected per class, and its union over the classes (NeuroX's {@code (overall_neurons, per_class)}
 * pair, with classes by row index instead of by name).
 *
 * @param union every neuron selected for at least one class, strictly ascending; copied
 * @param perClass one entry per class, in row order; copied
 */
public record TopNeurons(int[] union, List<ClassNeurons> perClass) {

    /** Copies both components and checks that the union is strictly ascending. */
    public TopNeurons {
        if (union == null || perClass == null) {
            throw new IllegalArgumentException("union and perClass must not be null");
        }
        union = union.clone();
        for (int i = 1; i < union.length; i++) {
            if (union[i] <= union[i - 1]) {
                throw new IllegalArgumentException("union must be strictly ascending; found " + union[i - 1]
                        + " before " + union[i] + " at index " + i);
            }
        }
        perClass = List.copyOf(perClass);
    }

    /** The union, strictly ascending (a copy). */
    @Override
    public int[] union() {
        return union.clone();
    }

    /** The neurons selected for one class (a copy), in the order of {@link ClassNeurons#neurons()}. */
    public int[] forClass(int classIndex) {
        for (ClassNeurons c : perClass) {
            if (c.classIndex() == classIndex) {
                return c.neurons();
            }
        }
        throw new IllegalArgumentException("no class " + classIndex + " among " + perClass.size() + " classes");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopNeurons other && Arrays.equals(union, other.union) && perClass.equals(other.perClass);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(union) + perClass.hashCode();
    }

    @Override
    public String toString() {
        return "TopNeurons[union=" + Arrays.toString(union) + ", perClass=" + perClass + "]";
    }
}
