package dev.probe.report;

import dev.probe.rank.Jaccard;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The Jaccard overlap of the minimal sets of every pair of rankings, as the comparison page's heat-map shows it.
 *
 * <p>Two minimal sets are compared only when they index the same neuron space: same layers, width, total neurons and
 * probe point. Within one model that means the same neurons. Across models of the same shape (a model and its
 * random-weights twin, say) it only means the same unit indices: neuron 7 of one model is not neuron 7 of the other.
 *
 * @param labels one per ranking, {@code model · task}
 * @param random per ranking, whether its stores record random weights ({@code model.random_init})
 * @param cells {@code cells.get(i).get(j)}: ranking i against ranking j
 */
record OverlapMatrix(List<String> labels, List<Boolean> random, List<List<Cell>> cells) {

    /** How a pair of rankings relates. */
    enum Kind {
        /** The same ranking: its set against itself. */
        SELF,
        /** The same model and neuron space: the overlap compares the same neurons. */
        SAME_NEURONS,
        /** Different models of the same shape: the overlap compares unit indices only. */
        UNIT_INDICES,
        /** Different neuron spaces (layers, width or probe point differ): not compared. */
        DIFFERENT_SPACES
    }

    /**
     * One pair.
     *
     * @param kind how the two rankings relate
     * @param jaccard {@code |A ∩ B| / |A ∪ B|}, NaN for {@link Kind#DIFFERENT_SPACES} or an empty pair of sets
     * @param common {@code |A ∩ B|} (0 when not compared)
     * @param union {@code |A ∪ B|} (0 when not compared)
     */
    record Cell(Kind kind, double jaccard, int common, int union) {
        /** Whether the cell holds a value. */
        boolean compared() {
            return kind != Kind.DIFFERENT_SPACES && Double.isFinite(jaccard);
        }
    }

    /** Copies the lists. */
    OverlapMatrix {
        labels = List.copyOf(labels);
        random = List.copyOf(random);
        cells = cells.stream().map(List::copyOf).toList();
    }

    /**
     * The matrix of {@code runs}, in the order given.
     *
     * @param randomWeights whether a run's model had random weights (false when unknown)
     */
    static OverlapMatrix of(List<Comparison.Run> runs, Predicate<Comparison.Run> randomWeights) {
        List<String> labels = runs.stream().map(r -> label(r.model(), r.task())).toList();
        List<Boolean> random = runs.stream().map(randomWeights::test).toList();
        List<List<Cell>> cells = new ArrayList<>();
        for (Comparison.Run a : runs) {
            List<Cell> row = new ArrayList<>();
            for (Comparison.Run b : runs) {
                row.add(cell(a, b));
            }
            cells.add(row);
        }
        return new OverlapMatrix(labels, random, cells);
    }

    /** {@code model · task}. */
    static String label(String model, String task) {
        return model + " · " + task;
    }

    /** Whether any pair was left out because its neuron spaces differ. */
    boolean anyDifferent() {
        return cells.stream().flatMap(List::stream).anyMatch(c -> c.kind() == Kind.DIFFERENT_SPACES);
    }

    /** Whether any pair compares unit indices of two models. */
    boolean anyUnitIndices() {
        return cells.stream().flatMap(List::stream).anyMatch(c -> c.kind() == Kind.UNIT_INDICES);
    }

    private static Cell cell(Comparison.Run a, Comparison.Run b) {
        RankingResult x = a.ranking();
        RankingResult y = b.ranking();
        Kind kind;
        if (a == b) {
            kind = Kind.SELF;
        } else if (!sameSpace(x.inputs(), y.inputs())) {
            return new Cell(Kind.DIFFERENT_SPACES, Double.NaN, 0, 0);
        } else {
            kind = Objects.equals(a.model(), b.model()) ? Kind.SAME_NEURONS : Kind.UNIT_INDICES;
        }
        int[] p = distinct(x);
        int[] q = distinct(y);
        int common = 0;
        for (int i = 0, j = 0; i < p.length && j < q.length;) {
            if (p[i] == q[j]) {
                common++;
                i++;
                j++;
            } else if (p[i] < q[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = p.length + q.length - common;
        // two empty minimal sets say nothing about overlap: shown as missing, not as 1
        double jaccard = union == 0 ? Double.NaN : Jaccard.of(p, q);
        return new Cell(kind, jaccard, common, union);
    }

    private static boolean sameSpace(RankingResult.Inputs a, RankingResult.Inputs b) {
        return a != null && b != null && a.neurons() == b.neurons() && Comparison.sameNeurons(a, b);
    }

    private static int[] distinct(RankingResult r) {
        int[] n = r.minimalSet() == null || r.minimalSet().neurons() == null ? new int[0] : r.minimalSet().neurons();
        return java.util.Arrays.stream(n).distinct().sorted().toArray();
    }
}
