package dev.probe.probe.solver;

import java.util.Arrays;
import java.util.List;

/**
 * A positive-definite model {@code B0} of ∇²f that a quasi-Newton solver starts from: dense symmetric blocks on
 * disjoint sets of coordinates, and a diagonal for every coordinate outside them.
 *
 * @param diagonal the diagonal, one positive entry per coordinate (used outside the blocks)
 * @param blocks the dense blocks
 */
public record Curvature(double[] diagonal, List<Block> blocks) {

    /**
     * One dense block.
     *
     * @param indices the coordinates it covers, in the order of the matrix rows
     * @param matrix the symmetric positive-definite matrix, row-major {@code [k, k]}
     */
    public record Block(int[] indices, double[] matrix) {
        public Block {
            if (matrix.length != indices.length * indices.length) {
                throw new IllegalArgumentException("a block over " + indices.length + " coordinates needs "
                        + indices.length * indices.length + " entries, found " + matrix.length);
            }
        }

        /** Entry {@code [r, c]}. */
        public double at(int r, int c) {
            return matrix[r * indices.length + c];
        }
    }

    /**
     * This model with Levenberg–Marquardt damping: {@code μ·(diagonal[j] + mean(diagonal))} added to every diagonal
     * entry. The mean keeps the damping effective on coordinates whose curvature is nearly 0 (a class whose
     * probabilities are saturated), so that a large μ always gives a short, gradient-like step.
     */
    public Curvature damped(double mu) {
        double mean = 0;
        for (double v : diagonal) {
            mean += v / diagonal.length;
        }
        double[] d = diagonal.clone();
        for (int j = 0; j < d.length; j++) {
            d[j] += mu * (diagonal[j] + mean);
        }
        List<Block> out = new java.util.ArrayList<>(blocks.size());
        for (Block b : blocks) {
            int[] idx = b.indices();
            double[] m = b.matrix().clone();
            for (int r = 0; r < idx.length; r++) {
                m[r * idx.length + r] += mu * (diagonal[idx[r]] + mean);
            }
            out.add(new Block(idx, m));
        }
        return new Curvature(d, out);
    }

    /** Where each coordinate sits: its block and row, or block −1 (on the diagonal). */
    Layout layout() {
        int n = diagonal.length;
        int[] block = new int[n];
        int[] row = new int[n];
        Arrays.fill(block, -1);
        for (int b = 0; b < blocks.size(); b++) {
            int[] idx = blocks.get(b).indices();
            for (int r = 0; r < idx.length; r++) {
                if (block[idx[r]] != -1) {
                    throw new IllegalArgumentException("coordinate " + idx[r] + " is in two blocks");
                }
                block[idx[r]] = b;
                row[idx[r]] = r;
            }
        }
        return new Layout(block, row);
    }

    /** {@code B0·v}. */
    double[] times(double[] v) {
        double[] out = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = diagonal[j] * v[j];
        }
        for (Block b : blocks) {
            int[] idx = b.indices();
            for (int r = 0; r < idx.length; r++) {
                double s = 0;
                for (int c = 0; c < idx.length; c++) {
                    s += b.at(r, c) * v[idx[c]];
                }
                out[idx[r]] = s;
            }
        }
        return out;
    }

    /** {@code B0[j, j]}. */
    double entry(Layout layout, int j) {
        int b = layout.block()[j];
        return b < 0 ? diagonal[j] : blocks.get(b).at(layout.row()[j], layout.row()[j]);
    }

    /**
     * Adds {@code delta·B0[:, j]} to {@code out} (only the entries the column touches).
     */
    void addColumn(Layout layout, int j, double delta, double[] out) {
        int b = layout.block()[j];
        if (b < 0) {
            out[j] += delta * diagonal[j];
            return;
        }
        Block block = blocks.get(b);
        int[] idx = block.indices();
        int c = layout.row()[j];
        for (int r = 0; r < idx.length; r++) {
            out[idx[r]] += delta * block.at(r, c);
        }
    }

    /** For each coordinate: its block (or −1) and its row in that block. */
    record Layout(int[] block, int[] row) {
    }
}
