package dev.probe.rank;

import dev.probe.Provenance;
import dev.probe.activations.store.StoreManifest;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeReport;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import dev.probe.rank.stats.ClassStatistics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole neuron analysis of one model × task: the oracle probe (trained, chosen on a λ grid, or given), the LCA
 * ordering, the minimal neuron set, top/random/bottom sets with retraining and zero-out ablation, the layer
 * distribution, and each class's top neurons with the words that drive them.
 */
public final class RankJob {
    /** The default λ values of the grid, used for both λ1 and λ2. */
    public static final double[] DEFAULT_GRID = GridSearch.DEFAULT_VALUES;
    private static final int[] KEEP_PERCENTS = {10, 15, 20};
    private static final double[] CURVE_FRACTIONS = {0.01, 0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.50, 0.75, 1.0};

    private RankJob() {
    }

    /**
     * What to analyse.
     *
     * @param splits train/dev[/test], prepared for classification
     * @param options probe settings (λ are replaced by the grid's choice when a grid is given)
     * @param given a trained oracle probe over all neurons, or null to train one
     * @param probeDir where the given probe came from, or null
     * @param delta allowed dev-accuracy drop of the minimal set, in points (0..100)
     * @param grid λ values for the grid, or null for no grid
     * @param control whether to train the control task for selectivity
     * @param method the ranking method
     * @param cap the greedy methods' neuron cap
     */
    public record Request(PreparedSplits splits, ProbeOptions options, LinearProbe given, String probeDir, double delta,
            double[] grid, boolean control, RankMethod method, int cap) {
    }

    /**
     * The analysis and the oracle probe behind it.
     *
     * @param result what ranking.json holds
     * @param oracle the oracle probe
     * @param oracleReport its probe.json record
     * @param classStatistics the training split's per-class statistics, when the method read them, else null
     */
    public record Outcome(RankingResult result, LinearProbe oracle, ProbeReport oracleReport,
            ClassStatistics classStatistics) {
    }

    /**
     * Runs the analysis.
     *
     * @param listener told about each stage, each step of a greedy method, and each probe that stops before the
     *     optimality threshold
     */
    public static Outcome run(Request request, Ranker.Listener listener) throws dev.probe.ProbeException {
        Consumer<String> progress = listener::stage;
        Consumer<String> warnings = listener::warning;
        long start = System.nanoTime();
        PreparedSplits splits = request.splits();
        int neurons = splits.train().matrix().cols();
        ProbeOptions options = request.options();
        progress.accept("training statistics");
        TrainingStatistics stats = ProbeTraining.statistics(splits, options);
        Scorer scorer = new Scorer(splits, options, neurons, stats, null, warnings);
        Ranker ranker = ranker(request.method(), request.cap());
        RankingResult.Grid grid = null;
        LinearProbe oracle = request.given();
        ProbeReport.Training training = null;
        if (request.grid() != null) {
            progress.accept("λ grid (" + request.grid().length * request.grid().length + " probes)");
            GridSearch.Outcome g = GridSearch.run(options, request.grid(), scorer, new LcaRanker());
            grid = g.grid();
            oracle = g.oracle().probe();
            training = ProbeTraining.training(g.oracle());
            options = g.options();
            scorer = scorer.withOptions(options);
        } else if (oracle == null) {
            progress.accept("oracle probe");
            ElasticNetTrainer.Result fitted = ProbeTraining.fit(splits, stats, Features.all(), options, null, f -> { });
            oracle = fitted.probe();
            training = ProbeTraining.training(fitted);
            if (!fitted.convergence().converged()) {
                warnings.accept(fitted.convergence().warning("the oracle probe"));
            }
        }
        scorer = scorer.warmStartingFrom(oracle);
        ProbeTraining.Trained trained = new ProbeTraining.Trained(oracle, training, ProbeTraining.evaluate(oracle, splits));
        RankingResult.Point oraclePoint = scorer.score(oracle, neurons, true);
        if (training != null) {
            oraclePoint = oraclePoint.trainedWith(training.convergence());
        }
        double selectivity = Double.NaN;
        ProbeReport.Control control = null;
        if (request.control()) {
            progress.accept("control task");
            control = ProbeTraining.control(splits, trained, Features.all(), options, options.seed() + 1);
            selectivity = control.selectivity().getOrDefault("dev", Double.NaN);
            if (!control.training().convergence().converged()) {
                warnings.accept(control.training().convergence().warning("the control-task probe"));
            }
        }
        ClassStatistics classStats = null;
        if (request.method().usesStatistics()) {
            progress.accept("class statistics");
            classStats = ClassStatistics.of(splits.train(), splits.labels().labels(), request.method().usesHistograms());
        }
        progress.accept("neuron ranking (" + ranker.name() + ")");
        Ordering ordering = ranker.rank(new Ranker.Input(splits, stats, oracle, options, classStats, listener));
        int[] order = ordering.order();
        progress.accept("minimal neuron set");
        MinimalSetSearch.Outcome search = MinimalSetSearch.run(order, oraclePoint, request.delta() / 100,
                MinimalSetSearch.SCHEDULE, scorer);
        int[] minimal = Arrays.copyOf(order, search.best().size());
        progress.accept("top / random / bottom sets");
        List<RankingResult.Keep> keep = keepTable(order, oracle, scorer, options.seed());
        Map<String, List<RankingResult.Point>> curves = curves(order, oracle, scorer, options.seed());
        StoreManifest manifest = splits.inputs().splits().get(0).store().manifest();
        RankingResult.Layers layers = layers(minimal, manifest);
        progress.accept("top words per class");
        List<RankingResult.ClassTop> perClass = ClassNeurons.of(oracle, splits, manifest);
        RankingResult.MinimalSet minimalSet = new RankingResult.MinimalSet(minimal.length,
                (double) minimal.length / neurons, search.best().dev(), search.best().test(), minimal);
        RankingResult result = new RankingResult(RankingResult.FORMAT_VERSION, Provenance.now(),
                inputs(splits, manifest, neurons, request.probeDir()),
                new RankingResult.Settings(options.l1(), options.l2(), request.delta(), MinimalSetSearch.SCHEDULE,
                        options.seed()),
                order, ordering.cutoffs(), new RankingResult.Oracle(oraclePoint.dev(), oraclePoint.test(), selectivity,
                        oraclePoint.convergence(), control == null ? null : control.training().convergence()),
                minimalSet, search.tried(), keep, curves, layers, perClass, grid, (System.nanoTime() - start) / 1e9,
                null, null, OracleDiagnostics.of(LayerProbes.majority(splits, stats), trained.metrics(), control,
                        oracle.labels().labels()));
        ProbeReport report = ProbeTraining.report(splits, trained, options, control);
        return new Outcome(result, oracle, report, classStats);
    }

    /** The ranker of a method. */
    static Ranker ranker(RankMethod method, int cap) {
        return switch (method) {
            case LCA -> new LcaRanker();
            case LASSO, RIDGE, NOREG -> new ProbeWeightRanker(method);
            case GAUSSIAN -> new GaussianRanker(cap);
            default -> new StatisticRanker(method);
        };
    }

    private static List<RankingResult.Keep> keepTable(int[] order, LinearProbe oracle, Scorer scorer, long seed)
            throws dev.probe.ProbeException {
        List<RankingResult.Keep> rows = new ArrayList<>();
        int n = order.length;
        for (String kind : List.of("top", "random", "bottom")) {
            for (int percent : KEEP_PERCENTS) {
                int k = Math.max(1, (int) Math.round(percent / 100.0 * n));
                int[] set = select(kind, order, k, seed);
                rows.add(new RankingResult.Keep(kind, percent, k, scorer.retrained(set),
                        scorer.score(Scorer.zeroOut(oracle, set, false), k, true),
                        scorer.score(Scorer.zeroOut(oracle, set, true), n - k, true)));
            }
        }
        return rows;
    }

    private static Map<String, List<RankingResult.Point>> curves(int[] order, LinearProbe oracle, Scorer scorer,
            long seed) throws dev.probe.ProbeException {
        Map<String, List<RankingResult.Point>> curves = new LinkedHashMap<>();
        for (String kind : List.of("top", "random", "bottom")) {
            List<RankingResult.Point> points = new ArrayList<>();
            for (double f : CURVE_FRACTIONS) {
                int k = Math.max(1, (int) Math.round(f * order.length));
                points.add(scorer.score(Scorer.zeroOut(oracle, select(kind, order, k, seed), false), k, false));
            }
            curves.put(kind, points);
        }
        return curves;
    }

    private static int[] select(String kind, int[] order, int k, long seed) {
        return switch (kind) {
            case "top" -> WeightRankings.topK(order, k);
            case "bottom" -> WeightRankings.bottomK(order, k);
            default -> WeightRankings.random(order.length, k, seed);
        };
    }

    private static RankingResult.Layers layers(int[] minimal, StoreManifest m) {
        List<LayerDistribution.Layer> counts = LayerDistribution.of(minimal, m.layers(), m.width());
        double[] thirds = LayerDistribution.thirds(counts, m.layers());
        return new RankingResult.Layers(counts, LayerDistribution.entropy(counts),
                Math.log(m.layers().size()) / Math.log(2), thirds[0], thirds[1], thirds[2]);
    }

    static RankingResult.Inputs inputs(PreparedSplits splits, StoreManifest m, int neurons, String probeDir)
            throws dev.probe.ProbeException {
        Map<String, String> stores = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (ProbeInputs.Split s : splits.inputs().splits()) {
            stores.put(s.name(), s.store().dir().toAbsolutePath().toString());
            hashes.put(s.name(), s.store().manifestSha256());
        }
        return new RankingResult.Inputs(m.model().spec(), m.model().architecture(), m.model().configSha256(), m.point(),
                m.layers(), m.width(), neurons, splits.inputs().label(), stores, hashes, probeDir);
    }
}
