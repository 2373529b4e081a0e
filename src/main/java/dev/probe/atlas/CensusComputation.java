package dev.probe.atlas;

import dev.probe.InvalidRequest;
import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.ActivationStore;
import dev.probe.activations.store.NpyMatrix;
import dev.probe.activations.store.RowBlocks;
import dev.probe.activations.store.StoreManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * Computes a {@link Census}: a first pass over {@code tokens.tsv} for the word groups ({@link WordGroups}), then one
 * streaming pass over the memory-mapped matrix in blocks of rows into {@link CensusStatistics}, then the scores of
 * every neuron ({@link NeuronScores}).
 */
public final class CensusComputation {
    /** Values of a block of rows held on the heap at once (rows × neurons). */
    static final int BLOCK_VALUES = 1 << 20;
    /** How many neurons each top list holds. */
    public static final int TOP = 10;

    private CensusComputation() {
    }

    /** Told how far the pass over the store has come. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done rows read so far
         * @param total rows in the store
         */
        void rows(long done, long total);
    }

    /**
     * The census of {@code store}.
     *
     * @throws ProbeException when the store is unreadable or holds a non-finite value
     * @throws InvalidRequest when the group sums would not fit in half the heap (raise {@code --min-count})
     */
    public static Census compute(ActivationStore store, CensusSettings settings, Progress progress)
            throws ProbeException {
        long start = System.nanoTime();
        StoreManifest m = store.manifest();
        WordGroups groups = WordGroups.of(store.tokens(), settings.minCount(), settings.seed());
        NpyMatrix matrix = store.matrix();
        int d = matrix.cols();
        long bytes = CensusStatistics.bytes(d, groups.unigramGroups(), groups.bigramGroups());
        long budget = Runtime.getRuntime().maxMemory() / 2;
        if (bytes > budget) {
            throw new InvalidRequest("min-count", String.format(Locale.ROOT,
                    "%d word-type and %d bigram groups × %d neurons need %d MiB of sums, over half the heap (%d MiB):"
                            + " raise --min-count", groups.unigramGroups(), groups.bigramGroups(), d, bytes >> 20,
                    budget >> 20));
        }
        double[] shift = new double[d];
        float[] first = new float[d];
        if (matrix.rows() > 0) {
            matrix.readRow(0, first, 0);
            for (int j = 0; j < d; j++) {
                shift[j] = Float.isFinite(first[j]) ? first[j] : 0;
            }
        }
        CensusStatistics stats = new CensusStatistics(shift, groups.unigramGroups(), groups.bigramGroups(),
                settings.activeAbove());
        pass(matrix, groups, stats, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean[] negligible = negligible(stats, m.layers().size(), m.width());
        List<Census.Neuron> neurons = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            neurons.add(NeuronScores.score(stats, groups, settings, j, m.neuronName(j), m.layerOf(j),
                    negligible[j]));
        }
        List<Census.Layer> layers = new ArrayList<>();
        for (int position = 0; position < m.layers().size(); position++) {
            layers.add(layer(m.layers().get(position), neurons.subList(position * m.width(),
                    (position + 1) * m.width())));
        }
        int k = groups.nonEmptyUnigramGroups();
        long n = groups.rows();
        Census.Groups g = new Census.Groups(n, groups.wordTypes(), groups.unigramGroups() - 1, groups.pooledRows(),
                groups.bigramTypes(), groups.bigramGroups() - groups.unigramGroups(),
                n > 1 ? Math.max(0, k - 1) / (double) (n - 1) : 0, bytes);
        return new Census(Census.FORMAT_VERSION, Provenance.now(), storeRef(store),
                new Census.ModelRef(m.model().spec(), m.model().architecture(), m.model().configSha256(),
                        m.model().weightsSha256()),
                m.point(), settings, g, layers, top(neurons), histogram(neurons), neurons, seconds);
    }

    /** Neurons whose root mean square is at most {@link NeuronScores#NEGLIGIBLE_SHARE} of their layer's median. */
    static boolean[] negligible(CensusStatistics stats, int layers, int width) {
        boolean[] out = new boolean[stats.neurons()];
        for (int l = 0; l < layers; l++) {
            double[] rms = new double[width];
            for (int u = 0; u < width; u++) {
                rms[u] = NeuronScores.rms(stats, l * width + u);
            }
            double[] sorted = rms.clone();
            Arrays.sort(sorted);
            double median = width % 2 == 1 ? sorted[width / 2] : (sorted[width / 2 - 1] + sorted[width / 2]) / 2;
            for (int u = 0; u < width; u++) {
                out[l * width + u] = rms[u] <= NeuronScores.NEGLIGIBLE_SHARE * median && median > 0;
            }
        }
        return out;
    }

    /** One pass over every row of the matrix, a block at a time. */
    static void pass(NpyMatrix matrix, WordGroups groups, CensusStatistics stats, Progress progress)
            throws ProbeException {
        int block = Math.max(1, Math.min(4096, BLOCK_VALUES / Math.max(1, matrix.cols())));
        RowBlocks.forEach(matrix, block, (rows, first, count) -> {
            stats.add(rows, count, first, groups);
            progress.rows(first + count, matrix.rows());
        });
    }

    private static Census.StoreRef storeRef(ActivationStore store) throws ProbeException {
        return new Census.StoreRef(store.dir().toAbsolutePath().toString(), store.manifestSha256(),
                store.matrix().rows(), store.manifest().counts().sentences());
    }

    static Census.Layer layer(int layer, List<Census.Neuron> ns) {
        int dead = 0;
        int rare = 0;
        int constant = 0;
        int token = 0;
        int ngram = 0;
        int positional = 0;
        double active = 0;
        for (Census.Neuron n : ns) {
            dead += n.dead() ? 1 : 0;
            rare += n.rarelyActive() ? 1 : 0;
            constant += n.eta2() == null ? 1 : 0;
            token += n.tokenDetector() ? 1 : 0;
            ngram += n.ngramDetector() ? 1 : 0;
            positional += n.positional() ? 1 : 0;
            active += n.activeShare();
        }
        return new Census.Layer(layer, ns.size(), dead, rare, constant, token, ngram, positional,
                ns.isEmpty() ? 0 : active / ns.size(), mean(ns, Census.Neuron::eta2),
                mean(ns, Census.Neuron::eta2Permuted), mean(ns, n -> n.positionR() == null ? null
                        : Math.abs(n.positionR())));
    }

    private static Double mean(List<Census.Neuron> ns, Function<Census.Neuron, Double> value) {
        double sum = 0;
        int count = 0;
        for (Census.Neuron n : ns) {
            Double v = value.apply(n);
            if (v != null) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    static Census.Top top(List<Census.Neuron> ns) {
        return new Census.Top(
                top(ns, n -> true, n -> -n.activeShare(), Census.Neuron::activeShare, Census.Neuron::dead,
                        n -> null, n -> null),
                top(ns, n -> n.eta2() != null, Census.Neuron::eta2, Census.Neuron::eta2,
                        Census.Neuron::tokenDetector, Census.Neuron::topWord, Census.Neuron::topWordMean),
                top(ns, n -> n.bigramOmega2() != null && n.omega2() != null, NeuronScores::ngramGain,
                        NeuronScores::ngramGain, Census.Neuron::ngramDetector, Census.Neuron::topBigram,
                        Census.Neuron::topBigramMean),
                top(ns, n -> n.positionR() != null, n -> Math.abs(n.positionR()), n -> Math.abs(n.positionR()),
                        Census.Neuron::positional, n -> null, n -> null));
    }

    /** The {@link #TOP} eligible neurons with the largest {@code key} (ties: lowest id), scored by {@code score}. */
    private static List<Census.TopNeuron> top(List<Census.Neuron> ns, Predicate<Census.Neuron> eligible,
            ToDoubleFunction<Census.Neuron> key, ToDoubleFunction<Census.Neuron> score,
            Predicate<Census.Neuron> passes, Function<Census.Neuron, String> word,
            Function<Census.Neuron, Double> wordMean) {
        return ns.stream().filter(eligible)
                .sorted(Comparator.comparingDouble(key).reversed().thenComparingInt(Census.Neuron::id))
                .limit(TOP)
                .map(n -> new Census.TopNeuron(n.name(), n.id(), n.layer(), score.applyAsDouble(n), passes.test(n),
                        word.apply(n), wordMean.apply(n)))
                .toList();
    }

    static Census.Histogram histogram(List<Census.Neuron> ns) {
        long[][] h = new long[4][10];
        for (Census.Neuron n : ns) {
            bin(h[0], n.eta2());
            bin(h[1], n.eta2Permuted());
            bin(h[2], n.bigramEta2());
            bin(h[3], n.positionR() == null ? null : Math.abs(n.positionR()));
        }
        return new Census.Histogram(h[0], h[1], h[2], h[3]);
    }

    private static void bin(long[] bins, Double v) {
        if (v != null) {
            bins[Math.max(0, Math.min(bins.length - 1, (int) Math.floor(v * bins.length)))]++;
        }
    }
}
