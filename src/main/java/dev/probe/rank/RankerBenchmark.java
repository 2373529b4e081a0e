package dev.probe.rank;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.StoreManifest;
import dev.probe.model.Threads;
import dev.probe.probe.ElasticNetTrainer;
import dev.probe.probe.Features;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeInputs;
import dev.probe.probe.ProbeOptions;
import dev.probe.probe.ProbeTraining;
import dev.probe.probe.TrainingStatistics;
import dev.probe.rank.stats.ClassStatistics;
import dev.probe.rank.stats.Selectivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The ranker-agreement benchmark (Fan et al., NeurIPS 2023, "Evaluating Neuron Interpretation Methods of NLP
 * Models"): every method ranks the same training split; for each method and each set size — the top
 * {@link #SIZES} neurons and the top {@link #PERCENTS} percent — a probe is retrained on the set alone (dev and test
 * accuracy), the set's mean selectivity is measured on the dev split, and its agreement with the other methods is
 * measured: AvgOverlap (mean Jaccard overlap with every other method's top set of the same size) and the overlap with
 * the Borda-count consensus of all methods. Uniform random sets of the same sizes are the baseline.
 */
public final class RankerBenchmark {
    /** The fixed set sizes of Fan et al. */
    public static final int[] SIZES = {10, 30, 50, 70, 100};
    /** The set sizes as percentages of all neurons. */
    public static final int[] PERCENTS = {1, 5, 10, 20};
    /** The baseline's name. */
    public static final String RANDOM = "random";

    private RankerBenchmark() {
    }

    /**
     * Opens the stores and runs the benchmark; writes nothing.
     *
     * @param listener told about each stage, each step of a greedy method, and each probe that stops before the
     *     optimality threshold
     */
    public static BenchResult compute(BenchRequest request, Ranker.Listener listener) throws ProbeException {
        Threads.configureForTraining();
        try (ActivationStore train = ActivationStore.open(request.train());
                ActivationStore dev = ActivationStore.open(request.dev());
                ActivationStore test = request.test() == null ? null : ActivationStore.open(request.test())) {
            PreparedSplits splits = PreparedSplits.of(ProbeInputs.ofStores(train, dev, test, request.label()),
                    request.options());
            return run(splits, request, listener);
        }
    }

    static BenchResult run(PreparedSplits splits, BenchRequest request, Ranker.Listener listener)
            throws ProbeException {
        Consumer<String> progress = listener::stage;
        Consumer<String> warnings = listener::warning;
        long start = System.nanoTime();
        ProbeOptions options = request.options();
        int n = splits.train().matrix().cols();
        progress.accept("training statistics");
        TrainingStatistics stats = ProbeTraining.statistics(splits, options);
        List<String> labels = splits.labels().labels();
        boolean histograms = request.methods().stream().anyMatch(RankMethod::usesHistograms);
        progress.accept("class statistics (train" + (histograms ? ", with histograms" : "") + "; dev)");
        ClassStatistics trainStats = ClassStatistics.of(splits.train(), labels, histograms);
        double[] selectivity = Selectivity.of(ClassStatistics.of(splits.get("dev"), labels, false)).overall();

        LinearProbe oracle = null;
        Map<RankMethod, int[]> orders = new LinkedHashMap<>();
        Map<RankMethod, Double> seconds = new LinkedHashMap<>();
        for (RankMethod m : request.methods()) {
            long t = System.nanoTime();
            if (m == RankMethod.LCA) {
                progress.accept("lca: oracle probe");
                ElasticNetTrainer.Result fitted = ProbeTraining.fit(splits, stats, Features.all(), options, null,
                        f -> { });
                oracle = fitted.probe();
                if (!fitted.convergence().converged()) {
                    warnings.accept(fitted.convergence().warning("the oracle probe"));
                }
            }
            progress.accept("ranking: " + m.id());
            Ordering o = RankJob.ranker(m, request.cap()).rank(new Ranker.Input(splits, stats, oracle, options,
                    trainStats, listener));
            orders.put(m, o.order());
            seconds.put(m, (System.nanoTime() - t) / 1e9);
        }
        int[] consensus = borda(new ArrayList<>(orders.values()), n);
        Scorer scorer = new Scorer(splits, options, n, stats, oracle, warnings);
        List<BenchResult.MethodRow> rows = new ArrayList<>();
        for (Map.Entry<RankMethod, int[]> e : orders.entrySet()) {
            progress.accept("retraining top sets: " + e.getKey().id());
            long t = System.nanoTime();
            List<BenchResult.SizeRow> sizes = new ArrayList<>();
            for (Size s : sizes(n)) {
                int[] top = WeightRankings.topK(e.getValue(), s.neurons());
                RankingResult.Point p = scorer.retrained(top);
                double overlap = 0;
                for (Map.Entry<RankMethod, int[]> other : orders.entrySet()) {
                    if (other.getKey() != e.getKey()) {
                        overlap += Jaccard.of(top, WeightRankings.topK(other.getValue(), s.neurons()));
                    }
                }
                sizes.add(new BenchResult.SizeRow(s.neurons(), s.label(), p.dev(), p.test(), converged(p),
                        mean(selectivity, top), overlap / (orders.size() - 1),
                        Jaccard.of(top, WeightRankings.topK(consensus, s.neurons()))));
            }
            rows.add(new BenchResult.MethodRow(e.getKey().id(), seconds.get(e.getKey()), (System.nanoTime() - t) / 1e9,
                    sizes, e.getValue()));
        }
        rows.add(baseline(n, scorer, selectivity, options.seed(), progress));
        StoreManifest manifest = splits.inputs().splits().get(0).store().manifest();
        return new BenchResult(BenchResult.FORMAT_VERSION, Provenance.now(), RankJob.inputs(splits, manifest, n, null),
                options.l1(), options.l2(), options.seed(), request.cap(), rows, consensus,
                (System.nanoTime() - start) / 1e9);
    }

    /** A set size and how it was asked for. */
    record Size(int neurons, String label) {
    }

    /** The fixed sizes not above {@code n}, then the percentages, in that order. */
    static List<Size> sizes(int n) {
        List<Size> out = new ArrayList<>();
        for (int s : SIZES) {
            if (s <= n) {
                out.add(new Size(s, Integer.toString(s)));
            }
        }
        for (int p : PERCENTS) {
            out.add(new Size(Math.max(1, (int) Math.round(p / 100.0 * n)), p + " %"));
        }
        return out;
    }

    private static BenchResult.MethodRow baseline(int n, Scorer scorer, double[] selectivity, long seed,
            Consumer<String> progress) throws ProbeException {
        progress.accept("retraining random sets");
        long t = System.nanoTime();
        List<BenchResult.SizeRow> sizes = new ArrayList<>();
        for (Size s : sizes(n)) {
            int[] set = WeightRankings.random(n, s.neurons(), seed);
            RankingResult.Point p = scorer.retrained(set);
            sizes.add(new BenchResult.SizeRow(s.neurons(), s.label(), p.dev(), p.test(), converged(p),
                    mean(selectivity, set), Double.NaN, Double.NaN));
        }
        return new BenchResult.MethodRow(RANDOM, 0, (System.nanoTime() - t) / 1e9, sizes, new int[0]);
    }

    /**
     * The Borda-count consensus: each ordering gives neuron {@code j} the points {@code n − 1 − rank(j)}; most points
     * first, ties by lower id.
     */
    static int[] borda(List<int[]> orders, int n) {
        double[] points = new double[n];
        for (int[] order : orders) {
            for (int r = 0; r < order.length; r++) {
                points[order[r]] += n - 1 - r;
            }
        }
        return Ordering.byScore(points).order();
    }

    private static double mean(double[] score, int[] set) {
        return Arrays.stream(set).mapToDouble(j -> score[j]).average().orElse(Double.NaN);
    }

    private static boolean converged(RankingResult.Point p) {
        return p.convergence() == null || p.convergence().converged();
    }
}
