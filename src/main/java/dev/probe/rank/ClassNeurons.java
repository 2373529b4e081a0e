package dev.probe.rank;

import dev.probe.activations.store.StoreManifest;
import dev.probe.probe.LinearProbe;
import dev.probe.probe.PreparedSplits;
import dev.probe.probe.ProbeInputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Each class's top neurons by the oracle probe's weight, with their signed class-conditional words. */
final class ClassNeurons {
    /** Neurons per class. */
    static final int PER_CLASS = 5;
    /** Words per list. */
    static final int WORDS = 8;

    private ClassNeurons() {
    }

    /**
     * The classes' top neurons: by |weight| in the oracle's row of the class, ties by neuron id; a class whose weights
     * the L1 penalty set to 0 has none.
     */
    static List<RankingResult.ClassTop> of(LinearProbe oracle, PreparedSplits splits, StoreManifest m) {
        float[][] w = oracle.weightRows();
        List<String> labels = oracle.labels().labels();
        int[][] tops = new int[w.length][];
        for (int c = 0; c < w.length; c++) {
            tops[c] = top(w[c], PER_CLASS);
        }
        ProbeInputs.Split train = splits.inputs().splits().get(0);
        ClassWords words = ClassWords.of(train.store().matrix(), train.rows(), train.tokens(),
                splits.train().classes(), tops);
        List<RankingResult.ClassTop> result = new ArrayList<>();
        for (int c = 0; c < labels.size(); c++) {
            List<RankingResult.NeuronWords> neurons = new ArrayList<>();
            for (int k = 0; k < tops[c].length; k++) {
                int id = tops[c][k];
                neurons.add(new RankingResult.NeuronWords(id, m.layerOf(id), m.unitOf(id), w[c][id],
                        words.inClass(c, k, WORDS), words.extreme(id, 1, WORDS), words.extreme(id, -1, WORDS)));
            }
            result.add(new RankingResult.ClassTop(labels.get(c), neurons));
        }
        return result;
    }

    /** The {@code count} neurons of largest |weight| in {@code row}, ties by id; neurons of weight 0 never count. */
    static int[] top(float[] row, int count) {
        Integer[] ids = new Integer[row.length];
        for (int j = 0; j < ids.length; j++) {
            ids[j] = j;
        }
        Arrays.sort(ids, (a, b) -> Math.abs(row[b]) != Math.abs(row[a])
                ? Float.compare(Math.abs(row[b]), Math.abs(row[a])) : Integer.compare(a, b));
        int nonZero = 0;
        for (float v : row) {
            if (v != 0) {
                nonZero++;
            }
        }
        int[] top = new int[Math.min(count, nonZero)];
        for (int j = 0; j < top.length; j++) {
            top[j] = ids[j];
        }
        return top;
    }
}
