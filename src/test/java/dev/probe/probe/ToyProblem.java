package dev.probe.probe;

import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreDtype;
import java.nio.file.Path;
import java.util.List;

/**
 * The literal multinomial problem the objective tests compute by hand: five rows × four neurons, three classes, and
 * one point (W, b) with no zero weight, so that sign(W) is defined everywhere.
 */
final class ToyProblem {
    /** Five rows × four neurons. */
    static final double[][] X = {
        {0.5, -1.0, 2.0, 0.0},
        {1.5, 0.25, -0.5, 1.0},
        {-2.0, 0.75, 0.5, -1.5},
        {0.0, 1.25, -1.0, 0.5},
        {1.0, -0.5, 0.25, 2.0},
    };
    /** The rows' classes. */
    static final int[] Y = {0, 1, 2, 1, 0};
    /** Three classes × four neurons. */
    static final double[][] W = {
        {0.3, -0.2, 0.1, 0.05},
        {-0.1, 0.4, -0.3, 0.2},
        {0.25, 0.15, -0.05, -0.35},
    };
    static final double[] B = {0.1, -0.2, 0.05};
    static final double L1 = 0.01;
    static final double L2 = 0.05;

    private ToyProblem() {
    }

    /** The toy rows as a float32 store, labelled "a", "b", "c" for classes 0, 1, 2 (all values exact in float32). */
    static ActivationStore store(Path tmp) throws Exception {
        float[][] rows = new float[X.length][];
        for (int i = 0; i < X.length; i++) {
            rows[i] = toFloat(X[i]);
        }
        List<String> labels = java.util.Arrays.stream(Y).mapToObj(y -> "abc".substring(y, y + 1)).toList();
        return ActivationStore.open(SyntheticStores.write(tmp.resolve("toy"), new SyntheticStores.Data(rows, labels,
                labels), StoreDtype.FLOAT32));
    }

    /** {@code a} row-major, as floats. */
    static float[] flat(double[][] a) {
        float[] out = new float[a.length * a[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                out[i * a[i].length + j] = (float) a[i][j];
            }
        }
        return out;
    }

    /** {@code a} as floats. */
    static float[] toFloat(double[] a) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
        }
        return out;
    }
}
