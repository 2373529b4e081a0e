package dev.probe.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.probe.probe.solver.Curvature;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact per-class blocks of the probe objective's Hessian on a working set: for class c and its working neurons
 * {@code J_c}, {@code H_c = (1/n)·Σ_i p_ic(1 − p_ic)·x̃_iJ x̃_iJᵀ} (x̃ the centred, scaled activations), the part of
 * ∇² of the mean cross-entropy that couples one class's weights. What it leaves out, the coupling between classes
 * ({@code −p_ic·p_ic'} terms), is small for probes: on the EWT XPOS demo optimum the block-diagonal model brings the
 * condition number of the Hessian on the active set from 1.8·10⁵ (4·10⁴ with the diagonal alone) down to 46, and the
 * solver's L-BFGS corrections absorb the rest.
 *
 * <p>Per class, with the weights {@code p(1 − p)} of the last evaluation: a fixed sample of rows (see {@link #grams})
 * is read from the memory-mapped store on this thread (the working neurons, centred, scaled, weighted by
 * {@code √w}), and its {@code AᵀA} is one matrix product on the engine.
 */
final class ClassBlocks {
    /**
     * The most block entries (Σ over classes of the working set's size squared) before the blocks wait for the working
     * sets to shrink: 32 MB of doubles, a fraction of a second of work per iteration.
     */
    static final long MAX_ENTRIES = 4_000_000L;

    private ClassBlocks() {
    }

    /**
     * The blocks, or null while the working sets are too large for dense blocks ({@link #MAX_ENTRIES}, or eight
     * entries per weight; early on, the solver then uses the scaled diagonal).
     *
     * @param weights {@code p_ic(1 − p_ic)} per training row and class at the parameters, row-major
     * @param working parameter indices the solver will move (weights {@code c·width + j} and biases after them)
     * @param diagonal the diagonal model, for the bias and as the base of the blocks' regularisation
     * @param frobenius ‖W‖_F's curvature per neuron, {@code λ2·κ_j²/‖W‖_F} (added to the block diagonals)
     */
    static Curvature of(NDManager parent, DesignBlocks blocks, ProbeObjective.Parameters at, float[] weights,
            int[] working, double[] diagonal, double[] frobenius) {
        int outputs = at.outputs();
        int width = at.width();
        List<List<Integer>> perClass = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            perClass.add(new ArrayList<>());
        }
        for (int i : working) {
            if (i < outputs * width) {
                perClass.get(i / width).add(i % width);
            }
        }
        long cost = 0;
        for (List<Integer> cols : perClass) {
            cost += (long) cols.size() * cols.size();
        }
        if (cost == 0 || cost > Math.max(8L * width * outputs, MAX_ENTRIES)) {
            return null;
        }
        int[][] columns = new int[outputs][];
        for (int c = 0; c < outputs; c++) {
            columns[c] = perClass.get(c).stream().mapToInt(Integer::intValue).toArray();
        }
        double[][] grams = grams(parent, blocks, at, weights, columns);
        List<Curvature.Block> out = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            int k = columns[c].length;
            if (k == 0) {
                continue;
            }
            int[] indices = new int[k];
            double[] matrix = new double[k * k];
            for (int r = 0; r < k; r++) {
                int j = columns[c][r];
                indices[r] = c * width + j;
                System.arraycopy(grams[c], r * k, matrix, r * k, k);
                // the Frobenius term's curvature, and a floor from the diagonal model for (nearly) dead neurons
                matrix[r * k + r] += frobenius[j] + 1e-6 * diagonal[indices[r]];
            }
            out.add(new Curvature.Block(indices, matrix));
        }
        return new Curvature(diagonal, out);
    }

    /**
     * Per class the weighted Gram {@code (1/n)·Σ_i w_ic·x̃_iJ x̃_iJᵀ}, row-major, estimated from a fixed sample of
     * rows: the rows of the class itself (where {@code w_ic} is largest; at most {@link #SAMPLE} of them, evenly
     * spaced among them) and about {@link #SAMPLE} evenly spaced rows of the whole split for the other classes' part,
     * each part reweighted to stand for all its rows. Sub-sampled Hessians are a standard preconditioner (Byrd et al.
     * 2011, "On the use of stochastic Hessian information in optimization methods for machine learning"): the solver
     * only grows its model from it, while the criterion and the line search use exact gradients. The sample depends
     * only on the labels, so every iteration and every run uses the same rows. Each sampled row is read once.
     */
    private static double[][] grams(NDManager parent, DesignBlocks blocks, ProbeObjective.Parameters at,
            float[] weights, int[][] columns) {
        int outputs = at.outputs();
        ProbeData data = blocks.data();
        int n = data.size();
        int[] neurons = blocks.neurons();
        int[] classes = data.classes();
        int[] count = new int[outputs];
        for (int y : classes) {
            count[y]++;
        }
        int spread = Math.max(1, (n + SAMPLE - 1) / SAMPLE);
        int[] ownStride = new int[outputs];
        int[] ownTaken = new int[outputs];
        int[] otherTaken = new int[outputs];
        for (int c = 0; c < outputs; c++) {
            ownStride[c] = Math.max(1, (count[c] + SAMPLE - 1) / SAMPLE);
        }
        int[] seen = new int[outputs];
        boolean[] own = new boolean[n];
        for (int i = 0; i < n; i++) {
            int y = classes[i];
            own[i] = seen[y]++ % ownStride[y] == 0;
            ownTaken[y] += own[i] ? 1 : 0;
            if (i % spread == 0) {
                for (int c = 0; c < outputs; c++) {
                    otherTaken[c] += c != y ? 1 : 0;
                }
            }
        }
        Accumulator[] acc = new Accumulator[outputs];
        for (int c = 0; c < outputs; c++) {
            acc[c] = new Accumulator(columns[c], neurons, at);
        }
        float[] values = new float[data.matrix().cols()];
        try (NDManager scope = parent.newSubManager()) {
            for (int i = 0; i < n; i++) {
                boolean spreadRow = i % spread == 0;
                if (!own[i] && !spreadRow) {
                    continue;
                }
                data.matrix().readRow(data.rows()[i], values, 0);
                int y = classes[i];
                for (int c = 0; c < outputs; c++) {
                    boolean take = c == y ? own[i] : spreadRow;
                    if (take && columns[c].length > 0) {
                        double part = c == y ? (double) count[c] / ownTaken[c] : (double) (n - count[c]) / otherTaken[c];
                        acc[c].add(values, weights[i * outputs + c] * part / n, scope);
                    }
                }
            }
            double[][] sums = new double[outputs][];
            for (int c = 0; c < outputs; c++) {
                acc[c].flush(scope);
                sums[c] = acc[c].sum;
            }
            return sums;
        }
    }

    /** Rows sampled per class, and over the whole split for the other classes. */
    private static final int SAMPLE = 4096;
    /** Rows gathered before one matrix product. */
    private static final int CHUNK = 1024;

    /** One class's sampled rows (its working neurons, centred, scaled, weighted) and its running {@code AᵀA}. */
    private static final class Accumulator {
        final double[] sum;
        private final int[] columns;
        private final int[] matrixColumns;
        private final double[] mean;
        private final double[] scale;
        private final float[] rows;
        private int filled;

        Accumulator(int[] columns, int[] neurons, ProbeObjective.Parameters at) {
            int k = columns.length;
            this.columns = columns;
            this.sum = new double[k * k];
            this.matrixColumns = new int[k];
            this.mean = new double[k];
            this.scale = new double[k];
            for (int r = 0; r < k; r++) {
                matrixColumns[r] = neurons == null ? columns[r] : neurons[columns[r]];
                mean[r] = at.mean()[columns[r]];
                scale[r] = at.scale()[columns[r]];
            }
            this.rows = new float[k == 0 ? 0 : CHUNK * k];
        }

        /** Appends one row with weight {@code w} (its square root scales the row). */
        void add(float[] values, double w, NDManager scope) {
            int k = columns.length;
            double root = Math.sqrt(w);
            for (int r = 0; r < k; r++) {
                rows[filled * k + r] = (float) ((values[matrixColumns[r]] - mean[r]) / scale[r] * root);
            }
            if (++filled == CHUNK) {
                flush(scope);
            }
        }

        void flush(NDManager scope) {
            if (filled > 0) {
                ClassBlocks.add(sum, scope, rows, filled, columns.length);
                filled = 0;
            }
        }
    }

    /** Adds {@code AᵀA} to {@code sum}, A the first {@code rows} rows of {@code a} ({@code [rows, k]}, row-major). */
    private static void add(double[] sum, NDManager parent, float[] a, int rows, int k) {
        try (NDManager scope = parent.newSubManager()) {
            NDArray m = scope.create(java.nio.FloatBuffer.wrap(a, 0, rows * k), new Shape(rows, k)).duplicate();
            float[] g = m.transpose().matMul(m).toFloatArray();
            for (int i = 0; i < g.length; i++) {
                sum[i] += g[i];
            }
        }
    }
}
