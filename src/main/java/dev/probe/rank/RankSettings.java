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
 */
public record RankSettings(String label, String name, ProbeOptions options, double delta, List<Double> grid, boolean control) {
    /** Checks the values. */
    public RankSettings {
        Objects.requireNonNull(options, "options");
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
        return new RankSettings(column, name, options, delta, grid, control);
    }

    /** These settings for a named task on a label column. */
    public RankSettings forTask(String taskName, String column) {
        return new RankSettings(column, taskName, options, delta, grid, control);
    }

    /** The grid as an array, or null. */
    double[] gridArray() {
        return grid == null ? null : grid.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
