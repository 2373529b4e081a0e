package dev.probe.rank;

import dev.probe.activations.store.NpyMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Signed, class-conditional top words of neurons. Each activation is z-scored over the training rows. For a class's
 * top neuron, its word types are the types of that class's tokens with the largest mean |z| on those tokens, the sign
 * kept; over all tokens, the types with the most positive and the most negative mean z. Types with fewer than
 * {@link #MIN_COUNT} tokens are left out (of a class's list only when some type of the class has that many), so rare
 * words do not crowd the lists. NeuroX's {@code get_top_words} averages |z| over every token of a type instead, which
 * mixes both signs and every class.
 */
final class ClassWords {
    /** Least tokens of a word type. */
    static final int MIN_COUNT = 5;

    private final int[] neurons;
    private final int[][] tops;
    private final double[] mean;
    private final double[] sd;
    private final Map<String, Tally> all = new HashMap<>();
    private final List<Map<String, Tally>> inClass = new ArrayList<>();

    private record Tally(double[] sums, int[] count) {
        Tally(int width) {
            this(new double[width], new int[1]);
        }

        double mean(int j) {
            return sums[j] / count[0];
        }
    }

    private ClassWords(int[] neurons, int[][] tops) {
        this.neurons = neurons;
        this.tops = tops;
        this.mean = new double[neurons.length];
        this.sd = new double[neurons.length];
        for (int c = 0; c < tops.length; c++) {
            inClass.add(new HashMap<>());
        }
    }

    /**
     * Reads the training rows twice (statistics of the neurons asked for, then the per-type sums).
     *
     * @param matrix the training store's matrix
     * @param rows the training rows
     * @param tokens the token of each training row
     * @param classes the class id of each training row (negative: a label training folded away, skipped for classes)
     * @param tops per class, its top neurons (matrix columns)
     */
    static ClassWords of(NpyMatrix matrix, long[] rows, List<String> tokens, int[] classes, int[][] tops) {
        if (tokens.size() != rows.length || classes.length != rows.length) {
            throw new IllegalArgumentException("rows, tokens and classes differ in length: " + rows.length + ", "
                    + tokens.size() + ", " + classes.length);
        }
        int[] neurons = java.util.Arrays.stream(tops).flatMapToInt(java.util.Arrays::stream).distinct().sorted()
                .toArray();
        ClassWords w = new ClassWords(neurons, tops);
        w.statistics(matrix, rows);
        w.tally(matrix, rows, tokens, classes);
        return w;
    }

    private void statistics(NpyMatrix matrix, long[] rows) {
        int m = neurons.length;
        double[] m2 = new double[m];
        float[] buffer = new float[m];
        for (int i = 0; i < rows.length; i++) {
            matrix.readRow(rows[i], neurons, buffer, 0);
            for (int j = 0; j < m; j++) {
                double d = buffer[j] - mean[j];
                mean[j] += d / (i + 1);
                m2[j] += d * (buffer[j] - mean[j]);
            }
        }
        for (int j = 0; j < m; j++) {
            double s = rows.length > 1 ? Math.sqrt(m2[j] / (rows.length - 1)) : 0;
            sd[j] = s > 1e-12 ? s : 1;
        }
    }

    /**
     * The per-type sums over all tokens are kept for frequent types only (when there are any), so memory is bounded by
     * the frequent types × the neurons, whatever the vocabulary.
     */
    private void tally(NpyMatrix matrix, long[] rows, List<String> tokens, int[] classes) {
        Map<String, Integer> counts = new HashMap<>();
        tokens.forEach(t -> counts.merge(t, 1, Integer::sum));
        boolean anyFrequent = counts.values().stream().anyMatch(c -> c >= MIN_COUNT);
        int m = neurons.length;
        float[] buffer = new float[m];
        double[] z = new double[m];
        for (int i = 0; i < rows.length; i++) {
            matrix.readRow(rows[i], neurons, buffer, 0);
            for (int j = 0; j < m; j++) {
                z[j] = (buffer[j] - mean[j]) / sd[j];
            }
            if (!anyFrequent || counts.get(tokens.get(i)) >= MIN_COUNT) {
                add(all.computeIfAbsent(tokens.get(i), k -> new Tally(m)), z, null);
            }
            int c = classes[i];
            if (c >= 0 && c < tops.length) {
                add(inClass.get(c).computeIfAbsent(tokens.get(i), k -> new Tally(tops[c].length)), z, tops[c]);
            }
        }
    }

    private void add(Tally t, double[] z, int[] columns) {
        t.count()[0]++;
        if (columns == null) {
            for (int j = 0; j < z.length; j++) {
                t.sums()[j] += z[j];
            }
        } else {
            for (int k = 0; k < columns.length; k++) {
                t.sums()[k] += z[java.util.Arrays.binarySearch(neurons, columns[k])];
            }
        }
    }

    /** The {@code k}-th top neuron of class {@code c}: its types in the class with the largest mean |z|. */
    List<RankingResult.WordScore> inClass(int c, int k, int count) {
        Map<String, Tally> types = inClass.get(c);
        return best(types, count, t -> Math.abs(t.mean(k)), k);
    }

    /** The types (any class) on which a neuron's mean z is most positive ({@code sign} 1) or most negative (−1). */
    List<RankingResult.WordScore> extreme(int neuron, int sign, int count) {
        int j = java.util.Arrays.binarySearch(neurons, neuron);
        List<RankingResult.WordScore> best = best(all, count, t -> sign * t.mean(j), j);
        return best.stream().filter(w -> sign * w.z() > 0).toList();
    }

    private static List<RankingResult.WordScore> best(Map<String, Tally> types, int count, ToDoubleFunction<Tally> key,
            int column) {
        boolean frequent = types.values().stream().anyMatch(t -> t.count()[0] >= MIN_COUNT);
        return types.entrySet().stream()
                .filter(e -> !frequent || e.getValue().count()[0] >= MIN_COUNT)
                .sorted(Comparator.comparingDouble((Map.Entry<String, Tally> e) -> -key.applyAsDouble(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .limit(count)
                .map(e -> new RankingResult.WordScore(e.getKey(), e.getValue().mean(column), e.getValue().count()[0]))
                .toList();
    }
}
