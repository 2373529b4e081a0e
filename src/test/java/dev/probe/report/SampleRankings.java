package dev.probe.report;

import dev.probe.Provenance;
import dev.probe.probe.solver.Convergence;
import dev.probe.rank.LayerDistribution;
import dev.probe.rank.LayerTable;
import dev.probe.rank.OracleDiagnostics;
import dev.probe.rank.RankSettings;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small literal rankings for report and comparison tests: 2 layers × 8 neurons (ids 0–7 in layer 0, 8–15 in layer 1).
 * Test accuracies are NaN wherever {@code withTest} is false, so the documents must print them as "–".
 */
public final class SampleRankings {
    /** A probe that converged. */
    static final Convergence CONVERGED = new Convergence("proximal-lbfgs", true, 42, 45, 0.61,
            dev.probe.probe.solver.L1Minimizer.CRITERION, 8e-5, 1e-4, "converged", 1.25);
    /** A probe that stopped at the iteration limit. */
    static final Convergence NOT_CONVERGED = new Convergence("proximal-lbfgs", false, 2000, 2104, 0.63,
            dev.probe.probe.solver.L1Minimizer.CRITERION, 3e-3, 1e-4, "iteration limit", 30.5);

    /** Layers of every sample. */
    public static final List<Integer> LAYERS = List.of(0, 1);
    /** Neurons per layer. */
    public static final int WIDTH = 8;

    private SampleRankings() {
    }

    /**
     * A ranking of {@code model} on {@code task}.
     *
     * @param minimal the minimal set (its size drives the search points)
     * @param labels class labels
     * @param classNeurons each class's top neurons, one row per label
     * @param oracleDev oracle dev accuracy
     * @param selectivity selectivity or NaN
     * @param withTest whether test accuracies are known (else NaN)
     * @param grid whether to include a λ grid
     */
    public static RankingResult of(String model, String task, int[] minimal, List<String> labels, int[][] classNeurons,
            double oracleDev, double selectivity, boolean withTest, boolean grid) {
        double nan = Double.NaN;
        int total = LAYERS.size() * WIDTH;
        int[] ordering = new int[total];
        boolean[] used = new boolean[total];
        for (int i = 0; i < minimal.length; i++) {
            ordering[i] = minimal[i];
            used[minimal[i]] = true;
        }
        for (int id = 0, k = minimal.length; id < total; id++) {
            if (!used[id]) {
                ordering[k++] = id;
            }
        }
        RankingResult.Inputs inputs = new RankingResult.Inputs(model, "bert", "ab12cd34ef56ab12cd34ef56", "hidden",
                LAYERS, WIDTH, total, task, map("train", "/data/" + task + "/train", "dev", "/data/" + task + "/dev"),
                map("train", "0123456789abcdef", "dev", "fedcba9876543210"), null);
        RankingResult.Settings settings = new RankingResult.Settings(1e-5, 1e-4, 1.0, new double[] {0.05, 0.1, 0.25,
            0.5}, 42L);
        double test = withTest ? oracleDev - 0.02 : nan;
        List<RankingResult.Point> search = new ArrayList<>();
        for (int size : new int[] {1, 2, 4, 8}) {
            double dev = oracleDev - 0.3 / size;
            search.add(new RankingResult.Point(size, (double) size / total, dev, withTest ? dev - 0.02 : nan,
                    size == 2 ? NOT_CONVERGED : CONVERGED));
        }
        List<RankingResult.Keep> keep = new ArrayList<>();
        int[] sizes = {2, 3, 4};
        int[] percents = {10, 15, 20};
        String[] kinds = {"top", "random", "bottom"};
        for (int p = 0; p < 3; p++) {
            for (int k = 0; k < 3; k++) {
                double base = oracleDev - 0.1 * (k + 1) + 0.02 * p;
                keep.add(new RankingResult.Keep(kinds[k], percents[p], sizes[p], point(sizes[p], base, withTest),
                        point(sizes[p], base - 0.05, withTest), point(total - sizes[p], base - 0.1, false)));
            }
        }
        Map<String, List<RankingResult.Point>> curves = new LinkedHashMap<>();
        for (int k = 0; k < 3; k++) {
            List<RankingResult.Point> curve = new ArrayList<>();
            for (int size : new int[] {1, 2, 4, 8, 16}) {
                curve.add(point(size, oracleDev - (0.25 + 0.1 * k) / size, false));
            }
            curves.put(kinds[k], curve);
        }
        List<LayerDistribution.Layer> counts = LayerDistribution.of(minimal, LAYERS, WIDTH);
        double[] thirds = LayerDistribution.thirds(counts, LAYERS);
        RankingResult.Layers layers = new RankingResult.Layers(counts, LayerDistribution.entropy(counts), 1.0,
                thirds[0], thirds[1], thirds[2]);
        List<RankingResult.ClassTop> perClass = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            List<RankingResult.NeuronWords> neurons = new ArrayList<>();
            for (int n : classNeurons[c]) {
                neurons.add(new RankingResult.NeuronWords(n, n / WIDTH, n % WIDTH, 0.5 - 0.01 * n,
                        List.of(new RankingResult.WordScore("the", -2.5, 40), new RankingResult.WordScore("<b>", 2.0,
                                7), new RankingResult.WordScore("a&b", 1.5, 5)),
                        List.of(new RankingResult.WordScore("x|y", 1.2, 9), new RankingResult.WordScore("w" + n, 1.0,
                                6)),
                        List.of(new RankingResult.WordScore("the", -2.25, 80))));
            }
            perClass.add(new RankingResult.ClassTop(labels.get(c), neurons));
        }
        RankingResult.Grid g = grid ? new RankingResult.Grid(List.of(
                new RankingResult.GridRow(1e-5, 1e-4, oracleDev, oracleDev - 0.05, oracleDev - 0.4, CONVERGED),
                new RankingResult.GridRow(1e-3, 1e-4, oracleDev - 0.01, oracleDev - 0.02, oracleDev - 0.5,
                        CONVERGED)),
                1e-5, 1e-4, "largest top-20 minus bottom-20 gap") : null;
        return new RankingResult(RankingResult.FORMAT_VERSION, new Provenance("probe", "test", "17", "Linux amd64",
                "0.36.0", "2.7.1-20250812-cpu-linux-x86_64", 2, "2025-01-01T00:00:00Z"), inputs, settings, ordering,
                new int[] {0, minimal.length, total},
                new RankingResult.Oracle(oracleDev, test, selectivity, CONVERGED, Double.isNaN(selectivity) ? null
                        : NOT_CONVERGED),
                new RankingResult.MinimalSet(minimal.length, (double) minimal.length / total, oracleDev - 0.005,
                        withTest ? oracleDev - 0.025 : nan, minimal.clone()),
                search, keep, curves, layers, perClass, g, 1.5, RankSettings.defaults(), null,
                diagnostics(labels, oracleDev, selectivity));
    }

    /** Baselines, per-class scores (the first class perfect, the others weaker) and one confusion per class pair. */
    static OracleDiagnostics diagnostics(List<String> labels, double oracleDev, double selectivity) {
        List<OracleDiagnostics.ClassScore> classes = new ArrayList<>();
        List<OracleDiagnostics.Confusion> confusions = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            double f1 = c == 0 ? 1.0 : 0.9 - 0.1 * c;
            classes.add(new OracleDiagnostics.ClassScore(labels.get(c), f1, f1, f1, 100 - 10 * c));
            if (c > 0) {
                confusions.add(new OracleDiagnostics.Confusion(labels.get(c), labels.get(c - 1), 10 - c,
                        (10 - c) / (100.0 - 10 * c)));
            }
        }
        return new OracleDiagnostics(new LayerTable.Majority(labels.get(0), 0.4, 0.35, Double.NaN),
                oracleDev - selectivity, Double.NaN, "dev", classes, confusions);
    }

    private static RankingResult.Point point(int size, double dev, boolean withTest) {
        return new RankingResult.Point(size, size / 16.0, dev, withTest ? dev - 0.02 : Double.NaN, null);
    }

    private static Map<String, String> map(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
