package dev.probe.report;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.io.Hashes;
import dev.probe.rank.Jaccard;
import dev.probe.rank.LayerDistribution;
import dev.probe.rank.RankingResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Several rankings side by side, one row per model × task, and per model how much the neuron sets overlap: between
 * tasks (Jaccard of the minimal sets) and between the classes of one task (mean pairwise Jaccard of their top neurons).
 *
 * @param tool who compared, and when (the provenance record every artifact carries)
 * @param rows one per ranking, sorted by model, task and path
 * @param models per model, in row order
 * @param rankings each row's {@code ranking.json} → its SHA-256 (the inputs, as rankings record their stores')
 * @param problems one line per input that yielded nothing or could not be read, naming the path
 */
public record Comparison(Provenance tool, List<Row> rows, List<ModelOverlap> models, Map<String, String> rankings,
        List<String> problems) {

    /** Copies the lists. */
    public Comparison {
        rows = List.copyOf(rows);
        models = List.copyOf(models);
        rankings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rankings));
        problems = List.copyOf(problems);
    }

    /**
     * One ranking read from disk.
     *
     * @param model {@code inputs().model()}
     * @param task see {@link RankingFiles#task}
     * @param file its {@code ranking.json}
     * @param ranking the content
     */
    public record Run(String model, String task, Path file, RankingResult ranking) {
    }

    /**
     * One ranking's figures. Accuracies are dev accuracies in [0, 1], NaN when not measured.
     *
     * @param model model
     * @param task task
     * @param path the {@code ranking.json}
     * @param oracleDev oracle dev accuracy
     * @param oracleTest oracle test accuracy
     * @param selectivity oracle selectivity
     * @param minimalSize neurons in the minimal set
     * @param minimalFraction minimal set / all neurons
     * @param top10 retrained dev accuracy on the top 10 %
     * @param random10 retrained dev accuracy on a random 10 %
     * @param bottom10 retrained dev accuracy on the bottom 10 %
     * @param entropy layer entropy of the minimal set, bits
     * @param maxEntropy its maximum, log2(layers)
     * @param bottomThird share of the minimal set in the bottom third of the layers
     * @param middleThird in the middle third
     * @param topThird in the top third
     * @param peakLayer the layer holding most of the minimal set (the lowest on ties), or -1 when it is empty
     * @param peakCount neurons in that layer
     */
    public record Row(String model, String task, String path, double oracleDev, double oracleTest, double selectivity,
            int minimalSize, double minimalFraction, double top10, double random10, double bottom10, double entropy,
            double maxEntropy, double bottomThird, double middleThird, double topThird, int peakLayer, int peakCount) {
    }

    /**
     * The overlaps within one model.
     *
     * @param model the model
     * @param minimalSets Jaccard of the minimal sets of every pair of its tasks
     * @param betweenClasses per task, how much the classes' top neurons overlap
     */
    public record ModelOverlap(String model, List<TaskPair> minimalSets, List<ClassOverlap> betweenClasses) {
    }

    /**
     * The minimal sets of two tasks of one model.
     *
     * @param taskA first task
     * @param taskB second task
     * @param jaccard {@code |A ∩ B| / |A ∪ B|}, or NaN when the two rankings read different neurons (layers, width or
     *     probe point differ)
     * @param common neurons in both sets (0 when not comparable)
     */
    public record TaskPair(String taskA, String taskB, double jaccard, int common) {
    }

    /**
     * The per-class top neurons of one task.
     *
     * @param task the task
     * @param classes classes with top neurons
     * @param meanJaccard mean Jaccard over all pairs of classes, NaN with fewer than two classes
     */
    public record ClassOverlap(String task, int classes, double meanJaccard) {
    }

    /**
     * Finds and reads every {@code ranking.json} under each of {@code runDirs} (see {@link RankingFiles#find}); a path
     * that is missing, holds no ranking, or holds an unreadable one adds a problem instead. A file reached twice is
     * read once.
     */
    public static Comparison load(List<Path> runDirs) {
        Loaded loaded = read(runDirs);
        return of(loaded.runs(), loaded.problems());
    }

    /**
     * Rankings read from disk, and the problems met reading them.
     *
     * @param runs the rankings, in the order found
     * @param problems one line per input that yielded nothing or could not be read
     */
    public record Loaded(List<Run> runs, List<String> problems) {
        /** Copies the lists. */
        public Loaded {
            runs = List.copyOf(runs);
            problems = List.copyOf(problems);
        }
    }

    /** Reads what {@link #load} compares, keeping the rankings themselves (the HTML page draws from them). */
    public static Loaded read(List<Path> runDirs) {
        List<Run> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path dir : runDirs) {
            try {
                List<Path> files = RankingFiles.find(dir);
                if (files.isEmpty()) {
                    problems.add(dir + ": no " + RankingFiles.FILE_NAME + " in it or up to " + RankingFiles.MAX_DEPTH
                            + " folder levels below");
                }
                for (Path file : files) {
                    if (seen.add(real(file))) {
                        try {
                            RankingResult r = RankingFiles.read(file);
                            String task = r.request() != null && r.request().name() != null ? r.request().name()
                                    : RankingFiles.task(file);
                            runs.add(new Run(Objects.toString(r.inputs().model(), "?"), task, file, r));
                        } catch (ProbeException e) {
                            problems.add(e.getMessage());
                        }
                    }
                }
            } catch (ProbeException e) {
                problems.add(e.getMessage());
            }
        }
        return new Loaded(runs, problems);
    }

    /** The comparison of runs already read. */
    public static Comparison of(List<Run> runs, List<String> problems) {
        List<Run> sorted = sorted(runs);
        Map<String, List<Run>> byModel = new LinkedHashMap<>();
        sorted.forEach(r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r));
        List<ModelOverlap> models = new ArrayList<>();
        byModel.forEach((model, list) -> models.add(overlap(model, list)));
        Map<String, String> digests = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(problems);
        for (Run run : sorted) {
            try {
                digests.put(run.file().toString(), Hashes.sha256(run.file()));
            } catch (IOException e) {
                all.add(run.file() + ": cannot read to hash: " + e.getMessage());
            }
        }
        return new Comparison(Provenance.now(), sorted.stream().map(Comparison::row).toList(), models, digests, all);
    }

    /** {@code runs} in row order: by model, task and path. */
    public static List<Run> sorted(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparing(Run::model).thenComparing(Run::task).thenComparing(r -> r.file().toString()));
        return sorted;
    }

    /** The comparison as Markdown: the table of rankings, then a section per model, then the problems. */
    public String markdown() {
        return ComparisonMarkdown.of(this);
    }

    static Row row(Run run) {
        RankingResult r = run.ranking();
        RankingResult.Layers l = r.layers();
        List<LayerDistribution.Layer> counts = l == null || l.counts() == null ? List.of() : l.counts();
        LayerDistribution.Layer peak = null;
        for (LayerDistribution.Layer c : counts) {
            if (c.count() > 0 && (peak == null || c.count() > peak.count())) {
                peak = c;
            }
        }
        double nan = Double.NaN;
        return new Row(run.model(), run.task(), run.file().toString(), r.oracle().dev(), r.oracle().test(),
                r.oracle().selectivity(), r.minimalSet().size(), r.minimalSet().fraction(), retrained(r, "top"),
                retrained(r, "random"), retrained(r, "bottom"), l == null ? nan : l.entropy(),
                l == null ? nan : l.maxEntropy(), l == null ? nan : l.bottomThird(), l == null ? nan : l.middleThird(),
                l == null ? nan : l.topThird(), peak == null ? -1 : peak.layer(), peak == null ? 0 : peak.count());
    }

    private static double retrained(RankingResult r, String kind) {
        return r.keep() == null ? Double.NaN : r.keep().stream()
                .filter(k -> kind.equals(k.kind()) && k.percent() == 10 && k.retrained() != null)
                .mapToDouble(k -> k.retrained().dev()).findFirst().orElse(Double.NaN);
    }

    private static ModelOverlap overlap(String model, List<Run> runs) {
        List<TaskPair> pairs = new ArrayList<>();
        List<ClassOverlap> classes = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RankingResult a = runs.get(i).ranking();
            for (int j = i + 1; j < runs.size(); j++) {
                RankingResult b = runs.get(j).ranking();
                boolean comparable = sameNeurons(a.inputs(), b.inputs());
                int[] x = neurons(a);
                int[] y = neurons(b);
                pairs.add(new TaskPair(runs.get(i).task(), runs.get(j).task(),
                        comparable ? Jaccard.of(x, y) : Double.NaN, comparable ? common(x, y) : 0));
            }
            classes.add(betweenClasses(runs.get(i)));
        }
        return new ModelOverlap(model, pairs, classes);
    }

    private static ClassOverlap betweenClasses(Run run) {
        List<int[]> sets = new ArrayList<>();
        for (RankingResult.ClassTop c : run.ranking().perClass() == null ? List.<RankingResult.ClassTop>of()
                : run.ranking().perClass()) {
            if (c.neurons() != null && !c.neurons().isEmpty()) {
                sets.add(c.neurons().stream().mapToInt(RankingResult.NeuronWords::neuron).toArray());
            }
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < sets.size(); i++) {
            for (int j = i + 1; j < sets.size(); j++) {
                sum += Jaccard.of(sets.get(i), sets.get(j));
                pairs++;
            }
        }
        return new ClassOverlap(run.task(), sets.size(), pairs == 0 ? Double.NaN : sum / pairs);
    }

    static boolean sameNeurons(RankingResult.Inputs a, RankingResult.Inputs b) {
        return Objects.equals(a.layers(), b.layers()) && a.width() == b.width() && Objects.equals(a.point(), b.point());
    }

    private static int[] neurons(RankingResult r) {
        return r.minimalSet().neurons() == null ? new int[0] : r.minimalSet().neurons();
    }

    private static int common(int[] a, int[] b) {
        Set<Integer> x = new HashSet<>();
        for (int v : a) {
            x.add(v);
        }
        Set<Integer> both = new HashSet<>();
        for (int v : b) {
            if (x.contains(v)) {
                both.add(v);
            }
        }
        return both.size();
    }

    private static Path real(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }
}
