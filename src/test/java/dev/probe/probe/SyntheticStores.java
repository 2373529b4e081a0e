package dev.probe.probe;

import dev.probe.ProbeException;
import dev.probe.Provenance;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreManifest;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Small synthetic activation stores for the probe tests: Gaussian "activations" where a few neurons carry the class,
 * written with the production {@link StoreWriter} so the probe reads them exactly as it reads an extracted store.
 */
public final class SyntheticStores {
    /** The config hash of the pretend model. */
    public static final String CONFIG = "ab".repeat(32);
    /** Words per pretend sentence. */
    public static final int SENTENCE = 10;

    private SyntheticStores() {
    }

    /**
     * Rows of a synthetic probing task.
     *
     * @param x activations {@code [rows][neurons]}
     * @param labels one label per row
     * @param tokens one word per row (word types repeat, so control tasks have something to memorise)
     */
    public record Data(float[][] x, List<String> labels, List<String> tokens) {
        /** Number of rows. */
        public int rows() {
            return x.length;
        }

        /** Number of neurons. */
        public int neurons() {
            return x[0].length;
        }
    }

    /**
     * {@code rows} rows of {@code neurons} independent N(0, 1) neurons; row i has class {@code c = i % classes}
     * (label {@code "C" + c}) and neuron {@code c} is shifted by {@code +signal}. So neurons {@code 0..classes-1} carry
     * the label and every other neuron is pure noise.
     */
    public static Data blobs(int rows, int neurons, int classes, double signal, long seed) {
        if (classes > neurons) {
            throw new IllegalArgumentException("need a signal neuron per class: " + classes + " > " + neurons);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[rows][neurons];
        List<String> labels = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int c = i % classes;
            for (int j = 0; j < neurons; j++) {
                x[i][j] = (float) gaussian(random);
            }
            x[i][c] += (float) signal;
            labels.add("C" + c);
            tokens.add("w" + random.nextInt(200));
        }
        return new Data(x, labels, tokens);
    }

    /** The same rows with every label replaced by {@code label}. */
    public static Data relabelled(Data data, String label) {
        return new Data(data.x(), Collections.nCopies(data.rows(), label), data.tokens());
    }

    /** Writes {@code data} as a one-layer store (layer 0, width = neurons) of the pretend model. */
    public static Path write(Path dir, Data data, StoreDtype dtype) throws ProbeException {
        return write(dir, data, dtype, List.of(0), CONFIG);
    }

    /**
     * Writes {@code data} as a store over {@code layers} (neurons must divide evenly) whose manifest names a model with
     * config hash {@code config}.
     */
    public static Path write(Path dir, Data data, StoreDtype dtype, List<Integer> layers, String config)
            throws ProbeException {
        int rows = data.rows();
        int cols = data.neurons();
        List<TokenRow> tokens = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            tokens.add(new TokenRow(i / SENTENCE, i % SENTENCE, data.tokens().get(i), data.labels().get(i)));
            counts.merge(data.labels().get(i), 1L, Long::sum);
        }
        try (StoreWriter w = StoreWriter.create(dir, false, rows, cols, dtype)) {
            for (int i = 0; i < rows; i++) {
                w.writeRows(i, data.x()[i], 0, 1);
            }
            w.commit(tokens, manifest(rows, (rows + SENTENCE - 1) / SENTENCE, cols, layers, config, dtype, counts));
        }
        return dir;
    }

    /** A manifest as extraction would write it, for a pretend model. */
    public static StoreManifest manifest(long words, int sentences, int neurons, List<Integer> layers, String config,
            StoreDtype dtype, Map<String, Long> labels) {
        return new StoreManifest(StoreManifest.FORMAT_VERSION,
                new Provenance("probe", "test", "17", "Linux amd64", "0.36.0", "2.7.1-20250812-cpu-linux-x86_64", 2,
                        "2025-01-01T00:00:00Z"),
                new StoreManifest.ModelRef("synthetic", "bert", "/models/synthetic", config, null, null), "hidden",
                layers, neurons / layers.size(), neurons, dtype.typeName(), "last",
                new StoreManifest.InputRef("synthetic.conllu", "cd".repeat(32), "conllu", List.of("upos"), "upos"),
                new StoreManifest.Counts(sentences, words, words, 0),
                new StoreManifest.Windowing(512, 255, "each word from the window where it is most central"), labels,
                null);
    }

    /** A standard normal draw (Box–Muller), from the given generator only. */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
