package dev.probe.atlas;

import dev.probe.ProbeException;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.TokenRow;
import dev.probe.atlas.NeuronProfile.ClassCounts;
import dev.probe.atlas.NeuronProfile.Context;
import dev.probe.atlas.NeuronProfile.HeatSentence;
import dev.probe.atlas.NeuronProfile.Heatmap;
import dev.probe.atlas.NeuronProfile.Histogram;
import dev.probe.atlas.NeuronProfile.QuantileContexts;
import dev.probe.atlas.NeuronProfile.Stats;
import dev.probe.atlas.NeuronProfile.WordScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link NeuronProfile}s: one pass over the store's rows reads the requested columns (one float per word and
 * neuron on the heap; the matrix stays memory-mapped), then each neuron's column is sorted once, exactly, for the top,
 * bottom and quantile contexts, and walked once for the statistics, the histogram and the per-type means.
 *
 * <p>Ties between equal activations go to the earlier store row, at either end.
 */
public final class NeuronProfiler {
    /** The histogram class that gathers every class not drawn on its own. */
    public static final String OTHER = "(other)";

    /** Rows between two progress reports. */
    private static final int REPORT_EVERY = 8192;

    private NeuronProfiler() {
    }

    /** Told how far the pass over the store has come. */
    @FunctionalInterface
    public interface Progress {
        /** Reports nothing. */
        Progress NONE = (done, total) -> { };

        /**
         * @param done rows read so far
         * @param total rows in the store
         */
        void rows(long done, long total);
    }

    /**
     * Profiles {@code neurons} of {@code store}.
     *
     * @param labelColumn the annotation column naming each word's class ({@link ActivationStore#labelColumn}), null
     *     for the store's default label
     * @return one profile per neuron, in the order given
     * @throws ProbeException naming the store file at fault: an unknown label column, an empty store, or a
     *     non-finite activation
     * @throws dev.probe.InvalidRequest when a neuron is not in the store
     */
    public static List<NeuronProfile> profile(ActivationStore store, String labelColumn, List<NeuronId> neurons,
            ProfileOptions options) throws ProbeException {
        return profile(store, labelColumn, neurons, options, Progress.NONE);
    }

    /** As {@link #profile(ActivationStore, String, List, ProfileOptions)}, telling {@code progress} the rows read. */
    public static List<NeuronProfile> profile(ActivationStore store, String labelColumn, List<NeuronId> neurons,
            ProfileOptions options, Progress progress) throws ProbeException {
        StoreManifest m = store.manifest();
        String column = store.labelColumn(labelColumn);
        int[] columns = neurons.stream().mapToInt(n -> n.column(m)).toArray();
        NpyMatrix matrix = store.matrix();
        if (matrix.rows() == 0) {
            throw new ProbeException(matrix.file(), "the store holds no words: there is nothing to profile");
        }
        if (matrix.rows() > Integer.MAX_VALUE - 8) {
            throw new ProbeException(matrix.file(), matrix.rows() + " rows: too many to profile in memory");
        }
        float[][] values = read(matrix, columns, neurons, progress);
        List<TokenRow> tokens = store.tokens();
        int labelIndex = m.input().columns().indexOf(column);
        String[] labels = tokens.stream().map(t -> t.value(labelIndex)).toArray(String[]::new);
        Sentences sentences = new Sentences(tokens);
        List<NeuronProfile> profiles = new ArrayList<>(neurons.size());
        for (int j = 0; j < neurons.size(); j++) {
            profiles.add(new Column(neurons.get(j), columns[j], column, values[j], tokens, labels, sentences,
                    options).profile());
            values[j] = null; // let the column go once it is profiled
        }
        return List.copyOf(profiles);
    }

    /** One pass over the rows: column {@code columns[j]} of every row into {@code values[j]}. */
    static float[][] read(NpyMatrix matrix, int[] columns, List<NeuronId> neurons, Progress progress)
            throws ProbeException {
        int n = (int) matrix.rows();
        float[][] values = new float[columns.length][n];
        float[] buffer = new float[columns.length];
        for (int row = 0; row < n; row++) {
            matrix.readRow(row, columns, buffer, 0);
            for (int j = 0; j < columns.length; j++) {
                if (!Float.isFinite(buffer[j])) {
                    throw new ProbeException(matrix.fileOf(row), String.format(Locale.ROOT, "row %d (tokens.tsv line %d),"
                            + " neuron %s holds %s: the store has a non-finite activation; extract it again", row,
                            row + 2, neurons.get(j).name(), buffer[j]));
                }
                values[j][row] = buffer[j];
            }
            if ((row + 1) % REPORT_EVERY == 0 || row + 1 == n) {
                progress.rows(row + 1, n);
            }
        }
        return values;
    }

    /** Rows sorted by activation, ascending; ties by row. Each key is the order-preserving bits, then the row. */
    static long[] sortedKeys(float[] a) {
        long[] keys = new long[a.length];
        for (int row = 0; row < a.length; row++) {
            int bits = Float.floatToIntBits(a[row] == 0 ? 0f : a[row]);
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[row] = (long) ordered << 32 | (row & 0xffffffffL);
        }
        Arrays.sort(keys);
        return keys;
    }

    /** The row of a sort key. */
    static int row(long key) {
        return (int) key;
    }

    /** The rows of the {@code k} highest activations, highest first; equal activations in row order. */
    static int[] highest(long[] sorted, int k) {
        int[] out = new int[Math.min(k, sorted.length)];
        int filled = 0;
        int end = sorted.length;
        while (filled < out.length) {
            int start = end - 1;
            while (start > 0 && sorted[start - 1] >>> 32 == sorted[end - 1] >>> 32) {
                start--;
            }
            for (int i = start; i < end && filled < out.length; i++) {
                out[filled++] = row(sorted[i]);
            }
            end = start;
        }
        return out;
    }

    /** The rows of the {@code k} lowest activations, lowest first; equal activations in row order. */
    static int[] lowest(long[] sorted, int k) {
        return Arrays.stream(sorted, 0, Math.min(k, sorted.length)).mapToInt(NeuronProfiler::row).toArray();
    }

    /** The profile of one column. */
    private record Column(NeuronId id, int column, String labelColumn, float[] a, List<TokenRow> tokens,
            String[] labels, Sentences sentences, ProfileOptions options) {

        NeuronProfile profile() {
            Stats stats = stats();
            long[] sorted = sortedKeys(a);
            List<Context> top = contexts(highest(sorted, options.top()), stats);
            List<Context> bottom = contexts(lowest(sorted, options.top()), stats);
            List<QuantileContexts> quantiles = new ArrayList<>();
            for (double q : NeuronProfile.QUANTILES) {
                quantiles.add(quantile(sorted, q, stats));
            }
            List<WordScore> positive = List.of();
            List<WordScore> negative = List.of();
            if (!stats.constant()) {
                List<WordScore> scores = wordScores(stats);
                positive = scores.stream().filter(w -> w.meanZ() > 0)
                        .sorted(Comparator.comparingDouble(WordScore::meanZ).reversed()
                                .thenComparing(WordScore::word))
                        .limit(options.top()).toList();
                negative = scores.stream().filter(w -> w.meanZ() < 0)
                        .sorted(Comparator.comparingDouble(WordScore::meanZ).thenComparing(WordScore::word))
                        .limit(options.top()).toList();
            }
            return new NeuronProfile(id.name(), id.layer(), id.unit(), column, labelColumn, stats, top, bottom,
                    quantiles, histogram(stats), positive, negative, heatmap(sorted));
        }

        /** Mean and sample sd (Welford, in double), min and max. */
        private Stats stats() {
            double mean = 0;
            double m2 = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < a.length; i++) {
                double v = a[i];
                double d = v - mean;
                mean += d / (i + 1);
                m2 += d * (v - mean);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            boolean constant = min == max;
            double sd = constant || a.length < 2 ? 0 : Math.sqrt(Math.max(0, m2) / (a.length - 1));
            return new Stats(a.length, constant ? min : mean, sd, min, max, constant || !(sd > 0));
        }

        private List<Context> contexts(int[] rows, Stats stats) {
            return Arrays.stream(rows).mapToObj(r -> context(r, stats)).toList();
        }

        private Context context(int row, Stats stats) {
            int[] rows = sentences.rowsAround(row);
            int index = 0;
            while (rows[index] != row) {
                index++;
            }
            return new Context(row, sentences.sentenceOf(row), sentences.words(rows), index, a[row],
                    stats.z(a[row]), labels[row]);
        }

        /** The interpolated quantile at position q·(n − 1) and the words whose ranks are nearest it. */
        private QuantileContexts quantile(long[] sorted, double q, Stats stats) {
            int n = sorted.length;
            double position = q * (n - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(below + 1, n - 1);
            double lo = a[row(sorted[below])];
            double hi = a[row(sorted[above])];
            double value = lo + (position - below) * (hi - lo);
            int count = Math.min(options.quantileWords(), n);
            int start = (int) Math.max(0, Math.min(n - count, Math.round(position - (count - 1) / 2.0)));
            List<Context> contexts = new ArrayList<>(count);
            for (int rank = start; rank < start + count; rank++) {
                contexts.add(context(row(sorted[rank]), stats));
            }
            return new QuantileContexts(q, value, contexts);
        }

        /** Counts per bin for the most frequent classes and "other". */
        private Histogram histogram(Stats stats) {
            int bins = stats.constant() ? 1 : options.bins();
            Map<String, Long> frequency = new HashMap<>();
            for (String label : labels) {
                frequency.merge(label, 1L, Long::sum);
            }
            List<String> shown = frequency.keySet().stream()
                    .sorted(Comparator.comparingLong((String l) -> -frequency.get(l)).thenComparing(l -> l))
                    .limit(options.classes()).toList();
            Map<String, Integer> slot = new HashMap<>();
            shown.forEach(l -> slot.put(l, slot.size()));
            long[][] counts = new long[shown.size() + 1][bins];
            long[] words = new long[shown.size() + 1];
            for (int row = 0; row < a.length; row++) {
                int bin = stats.constant() ? 0 : (int) ((a[row] - stats.min()) / (stats.max() - stats.min()) * bins);
                int s = slot.getOrDefault(labels[row], shown.size());
                counts[s][Math.max(0, Math.min(bins - 1, bin))]++;
                words[s]++;
            }
            List<ClassCounts> classes = new ArrayList<>();
            for (int s = 0; s < shown.size(); s++) {
                classes.add(new ClassCounts(shown.get(s), words[s], counts[s]));
            }
            if (words[shown.size()] > 0) {
                classes.add(new ClassCounts(OTHER, words[shown.size()], counts[shown.size()]));
            }
            return new Histogram(stats.min(), stats.max(), bins, classes);
        }

        /** Each word type with at least {@code minCount} occurrences and its mean z. */
        private List<WordScore> wordScores(Stats stats) {
            Map<String, double[]> sums = new HashMap<>();
            for (int row = 0; row < a.length; row++) {
                double[] s = sums.computeIfAbsent(tokens.get(row).token(), t -> new double[2]);
                s[0] += (a[row] - stats.mean()) / stats.sd();
                s[1]++;
            }
            List<WordScore> scores = new ArrayList<>();
            sums.forEach((word, s) -> {
                if (s[1] >= options.minCount()) {
                    scores.add(new WordScore(word, (long) s[1], s[0] / s[1]));
                }
            });
            return scores;
        }

        /** The sentences of the highest and then the lowest words, each once, with every word's activation. */
        private Heatmap heatmap(long[] sorted) {
            Set<Integer> seen = new LinkedHashSet<>();
            List<HeatSentence> shown = new ArrayList<>();
            double scale = 0;
            int[] highest = highest(sorted, options.heatSentences());
            int[] lowest = lowest(sorted, options.heatSentences());
            for (int[] ends : new int[][] {highest, lowest}) {
                for (int row : ends) {
                    if (seen.add(sentences.sentenceOf(row))) {
                        int[] rows = sentences.rowsAround(row);
                        double[] values = new double[rows.length];
                        for (int i = 0; i < rows.length; i++) {
                            values[i] = a[rows[i]];
                            scale = Math.max(scale, Math.abs(values[i]));
                        }
                        shown.add(new HeatSentence(sentences.sentenceOf(row), sentences.words(rows), values));
                    }
                }
            }
            return new Heatmap(scale, shown);
        }
    }
}
