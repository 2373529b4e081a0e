package dev.probe.atlas;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreDtype;
import dev.probe.activations.store.StoreWriter;
import dev.probe.activations.store.TokenRow;
import dev.probe.probe.SyntheticStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A hand-made store whose neuron profiles are known by construction: four sentences of five words, layers 0 and 1 of
 * two units each. Neuron 1:0 takes each of ±0.5, ±1.5, …, ±9.5 once (mean 0, sample sd √35); 0:0 is constant 1.5;
 * 0:1 and 1:1 hold the row index. The store's rows are not in corpus order: sentence 3 comes before sentence 2, and
 * its words are stored last word first.
 */
public final class NeuronStores {
    /** The sentences' words. */
    public static final String[][] WORDS = {
        {"the", "dog", "barks", "loudly", "."},
        {"the", "cat", "sleeps", "quietly", "."},
        {"the", "dog", "runs", "fast", "."},
        {"the", "cat", "eats", "fish&<chips>", "."}};
    /** Their upos labels. */
    public static final String[][] LABELS = {
        {"DET", "NOUN", "VERB", "ADV", "PUNCT"},
        {"DET", "NOUN", "VERB", "ADV", "PUNCT"},
        {"DET", "NOUN", "VERB", "ADV", "PUNCT"},
        {"DET", "NOUN", "VERB", "NOUN", "PUNCT"}};
    /** Neuron 1:0's activation of each word. */
    public static final float[][] NEURON_1_0 = {
        {0.5f, 9.5f, 1.5f, -2.5f, -0.5f},
        {2.5f, -9.5f, -1.5f, 3.5f, -3.5f},
        {4.5f, 8.5f, 5.5f, -4.5f, -5.5f},
        {6.5f, -8.5f, -6.5f, 7.5f, -7.5f}};
    /** Neuron 0:0's activation of every word. */
    public static final float CONSTANT = 1.5f;
    /** The sentences in store order. */
    private static final int[] SENTENCE_ORDER = {0, 1, 3, 2};

    private NeuronStores() {
    }

    /** The store row of word {@code word} of sentence {@code sentence}. */
    public static long row(int sentence, int word) {
        int block = 0;
        while (SENTENCE_ORDER[block] != sentence) {
            block++;
        }
        return block * 5L + (sentence == 3 ? 4 - word : word);
    }

    /** Writes the store into {@code dir}. */
    public static Path write(Path dir) throws ProbeException {
        List<TokenRow> tokens = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        try (StoreWriter w = StoreWriter.create(dir, false, 20, 4, StoreDtype.FLOAT32)) {
            int row = 0;
            for (int s : SENTENCE_ORDER) {
                for (int k = 0; k < 5; k++) {
                    int word = s == 3 ? 4 - k : k;
                    tokens.add(new TokenRow(s, word, WORDS[s][word], LABELS[s][word]));
                    counts.merge(LABELS[s][word], 1L, Long::sum);
                    w.writeRows(row, new float[] {CONSTANT, row, NEURON_1_0[s][word], row}, 0, 1);
                    row++;
                }
            }
            w.commit(tokens, SyntheticStores.manifest(20, 4, 4, List.of(0, 1), SyntheticStores.CONFIG,
                    StoreDtype.FLOAT32, counts));
        }
        return dir;
    }
}
