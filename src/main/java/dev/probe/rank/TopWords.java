package dev.probe.rank;

import dev.probe.activations.store.NpyMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The word types that activate a neuron most, as NeuroX's {@code get_top_words}: each activation is turned into a
 * z-score over the training rows, |z| is averaged per word type, and the types with the highest mean come first.
 * Types seen fewer than {@code minCount} times are left out (when that leaves too few, every type is used).
 */
final class TopWords {
    private TopWords() {
    }

    /**
     * Word lists for several neurons in two passes over the training rows (statistics, then per-type means).
     *
     * @param matrix the training store's matrix
     * @param rows the training rows
     * @param tokens the token of each training row
     * @param neurons the neurons (matrix columns) to describe
     * @param count how many words per neuron
     * @param minCount least occurrences of a word type
     * @return per neuron (same order): the words, best first, and their mean |z|
     */
    static List<Map.Entry<List<String>, double[]>> of(NpyMatrix matrix, long[] rows, List<String> tokens,
            int[] neurons, int count, int minCount) {
        int m = neurons.length;
        double[] mean = new double[m];
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
        double[] sd = new double[m];
        for (int j = 0; j < m; j++) {
            double s = rows.length > 1 ? Math.sqrt(m2[j] / (rows.length - 1)) : 0;
            sd[j] = s > 1e-12 ? s : 1;
        }
        Map<String, double[]> sums = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (int i = 0; i < rows.length; i++) {
            matrix.readRow(rows[i], neurons, buffer, 0);
            double[] sum = sums.computeIfAbsent(tokens.get(i), t -> new double[m]);
            counts.computeIfAbsent(tokens.get(i), t -> new int[1])[0]++;
            for (int j = 0; j < m; j++) {
                sum[j] += Math.abs((buffer[j] - mean[j]) / sd[j]);
            }
        }
        List<String> types = new ArrayList<>(sums.keySet());
        List<String> frequent = types.stream().filter(t -> counts.get(t)[0] >= minCount).toList();
        List<String> candidates = frequent.size() >= count ? frequent : types;
        List<Map.Entry<List<String>, double[]>> result = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            final int column = j;
            List<String> best = candidates.stream()
                    .sorted(Comparator.comparingDouble((String t) -> -sums.get(t)[column] / counts.get(t)[0])
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(count).toList();
            double[] scores = best.stream().mapToDouble(t -> sums.get(t)[column] / counts.get(t)[0]).toArray();
            result.add(Map.entry(best, scores));
        }
        return result;
    }
}
