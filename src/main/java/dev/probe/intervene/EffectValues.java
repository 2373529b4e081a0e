package dev.probe.intervene;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effects of one edited run against the unedited one, for every measure, probe and class, in a fixed order.
 */
final class EffectValues {
    /** Which effect a value is. */
    record Key(String measure, Integer layer, String label) {
    }

    private EffectValues() {
    }

    /**
     * @param clean the unedited run
     * @param edited the edited run
     * @param probes the probes, in the runs' order
     * @param gold per probe, each word's class id in that probe's labels (−1 when the probe never saw the label)
     * @param labels each word's label
     * @param classes the labels to break measures down by, in order
     * @param outputLayer the model's last layer
     * @param lm whether the LM measures were taken
     */
    static Map<Key, Double> of(WordRuns.Outcome clean, WordRuns.Outcome edited, List<WordRuns.Probe> probes,
            List<int[]> gold, List<String> labels, List<String> classes, int outputLayer, boolean lm) {
        Map<Key, Double> out = new LinkedHashMap<>();
        for (int p = 0; p < probes.size(); p++) {
            WordRuns.Probe probe = probes.get(p);
            String measure = probe.layer() == null ? Measure.ORACLE_ACCURACY : Measure.PROBE_ACCURACY;
            int[] g = gold.get(p);
            int[] a = clean.predicted().get(p);
            int[] b = edited.predicted().get(p);
            out.put(new Key(measure, probe.layer(), null), accuracy(g, a, labels, null) - accuracy(g, b, labels, null));
            for (String c : classes) {
                out.put(new Key(measure, probe.layer(), c), accuracy(g, a, labels, c) - accuracy(g, b, labels, c));
            }
        }
        float[] m = edited.measures();
        out.put(new Key(Measure.OUTPUT_COSINE, outputLayer, null), mean(m, MeasuredModel.COSINE, -1, labels, null));
        out.put(new Key(Measure.OUTPUT_L2, outputLayer, null), mean(m, MeasuredModel.L2, -1, labels, null));
        out.put(new Key(Measure.SENTENCE_COSINE, outputLayer, null), mean(edited.sentences()));
        if (lm) {
            List<String> all = new ArrayList<>();
            all.add(null);
            all.addAll(classes);
            for (String c : all) {
                out.put(new Key(Measure.LM_PROBABILITY, outputLayer, c),
                        mean(m, MeasuredModel.P_CLEAN, MeasuredModel.P_EDITED, labels, c));
            }
            for (String c : all) {
                out.put(new Key(Measure.LM_TOP1, outputLayer, c),
                        mean(m, MeasuredModel.TOP1_CLEAN, MeasuredModel.TOP1_EDITED, labels, c));
            }
        }
        return out;
    }

    private static double accuracy(int[] gold, int[] predicted, List<String> labels, String label) {
        long n = 0;
        long right = 0;
        for (int i = 0; i < gold.length; i++) {
            if (label == null || label.equals(labels.get(i))) {
                n++;
                right += gold[i] >= 0 && gold[i] == predicted[i] ? 1 : 0;
            }
        }
        return n == 0 ? 0 : (double) right / n;
    }

    /**
     * The mean over the words (of class {@code label}, or all) of slot {@code a}, or of {@code a − b} when {@code b}
     * is a slot; words whose value is negative (no LM prediction) are left out.
     */
    private static double mean(float[] m, int a, int b, List<String> labels, String label) {
        double sum = 0;
        long n = 0;
        int words = labels.size();
        for (int i = 0; i < words; i++) {
            if (label != null && !label.equals(labels.get(i))) {
                continue;
            }
            int o = i * MeasuredModel.SLOTS;
            if (m[o + a] < 0 || b >= 0 && m[o + b] < 0) {
                continue;
            }
            sum += b < 0 ? m[o + a] : (double) m[o + a] - m[o + b];
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double mean(double[] sorted) {
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        return sorted.length == 0 ? 0 : sum / sorted.length;
    }

    /** The effects of a set: its values beside the mean and sample sd of the random sets' values. */
    static List<Effect> combine(String set, int neurons, Map<Key, Double> selected, List<Map<Key, Double>> random) {
        List<Effect> effects = new ArrayList<>(selected.size());
        for (Map.Entry<Key, Double> e : selected.entrySet()) {
            double[] r = random.stream().mapToDouble(m -> Objects.requireNonNull(m.get(e.getKey()))).toArray();
            double mean = 0;
            for (double v : r) {
                mean += v;
            }
            mean = r.length == 0 ? Double.NaN : mean / r.length;
            double ss = 0;
            for (double v : r) {
                ss += (v - mean) * (v - mean);
            }
            double sd = r.length < 2 ? Double.NaN : Math.sqrt(ss / (r.length - 1));
            Key k = e.getKey();
            effects.add(new Effect(k.measure(), k.layer(), k.label(), set, neurons, e.getValue(), mean, sd));
        }
        return effects;
    }
}
