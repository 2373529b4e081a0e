package dev.probe.rank;

import dev.probe.InvalidRequest;
import dev.probe.probe.ProbeOptions;
import java.util.List;
import java.util.Objects;

/**
 * What a ranking computes, apart from where its inputs and output are: recorded in {@code ranking.json}, so that
 * {@code probe run} keeps a ranking exactly when the settings it would use are equal to these.
 *
 * @param label the annotation column to predict, as the stores name it ({@code xpos}, {@code 2}); null for the
 *     training store's default label
 * @param name the task's name in reports and comparisons ({@code supersense}), or null to use the label column
 * @param options the probes' settings (with a grid, its λ1 and λ2 are replaced by the grid's choice)
 * @param delta allowed dev-accuracy drop of the minimal neuron set, in accuracy points, 0..100
 * @param grid the λ values of the λ1 × λ2 grid, or null for no grid (use the options' λ1 and λ2)
 * @param control also train the control task and report selectivity
 * @param method the ranking method (null: LCA)
 * @param cap the most neurons {@code gaussian} selects greedily (the rest follow by their last gain); 0 for the
 *     default, {@value #DEFAULT_CAP}
 */
public record RankSettings(String label, String name, ProbeOptions options, double delta, List<Double> grid,
        boolean control, RankMethod method, int cap) {
    /** The default neuron cap of the greedy {@code gaussian} method. */
    public static final int DEFAULT_CAP = 50;

    /** Checks the values. */
    public RankSettings {
        Objects.requireNonNull(options, "options");
        method = method == null ? RankMethod.LCA : method;
        cap = cap == 0 ? DEFAULT_CAP : cap;
        InvalidRequest.check("cap", cap, 1, 100_000);
        if (options.task() != ProbeOptions.Task.CLASSIFICATION) {
            throw new InvalidRequest("task", "rank works on classification probes");
        }
        InvalidRequest.check("delta", delta, 0, 100);
        if (grid != null) {
            grid = List.copyOf(grid);
            if (grid.isEmpty()) {
                throw new InvalidRequest("grid", "the grid is empty");
            }
            for (double v : grid) {
                InvalidRequest.check("grid", v, 0, ProbeOptions.MAX_LAMBDA);
            }
        }
    }

    /** LCA settings. */
    public RankSettings(String label, String name, ProbeOptions options, double delta, List<Double> grid,
            boolean control) {
        this(label, name, options, delta, grid, control, RankMethod.LCA, DEFAULT_CAP);
    }

    /** The defaults of {@code probe rank}: the default label, default probes, δ = 1 point, no grid, no control. */
    public static RankSettings defaults() {
        return new RankSettings(null, null, ProbeOptions.defaults(), 1.0, null, false);
    }

    /** The default λ grid: {@code 0, 1e-5, 1e-4, 1e-3, 1e-2}. */
    public static List<Double> defaultGrid() {
        return java.util.Arrays.stream(GridSearch.DEFAULT_VALUES).boxed().toList();
    }

    /** These settings for another label column. */
    public RankSettings withLabel(String column) {
        return new RankSettings(column, name, options, delta, grid, control, method, cap);
    }

    /** These settings for a named task on a label column. */
    public RankSettings forTask(String taskName, String column) {
        return new RankSettings(column, taskName, options, delta, grid, control, method, cap);
    }

    /** These settings with another ranking method. */
    public RankSettings withMethod(RankMethod other) {
        return new RankSettings(label, name, options, delta, grid, control, other, cap);
    }

    /** The grid as an array, or null. */
    double[] gridArray() {
        return grid == null ? null : grid.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
