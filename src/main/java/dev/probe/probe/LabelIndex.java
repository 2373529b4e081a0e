package dev.probe.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class labels indexed from the training split, in sorted order. Labels seen fewer than {@code minCount} times in
 * training are folded into one class named {@link #OTHER}; labels never seen in training map to {@link #UNSEEN} and
 * count as errors when scored.
 *
 * @param labels class names; class id = position
 * @param folded the training labels folded into {@link #OTHER}
 */
public record LabelIndex(List<String> labels, List<String> folded) {
    /** The class that rare labels are folded into. */
    public static final String OTHER = "<other>";
    /** The id of a label that training never saw. */
    public static final int UNSEEN = -1;

    public LabelIndex {
        labels = List.copyOf(labels);
        folded = List.copyOf(folded);
    }

    /** Indexes the labels of the training rows. */
    public static LabelIndex fromTraining(List<String> trainingLabels, int minCount) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String label : trainingLabels) {
            counts.merge(label, 1, Integer::sum);
        }
        List<String> kept = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        counts.forEach((label, count) -> (count >= minCount ? kept : folded).add(label));
        if (!folded.isEmpty()) {
            kept.add(OTHER);
        }
        return new LabelIndex(kept, folded);
    }

    /** Number of classes. */
    public int size() {
        return labels.size();
    }

    /** Class ids of labels; folded labels map to {@link #OTHER}, unknown ones to {@link #UNSEEN}. */
    public int[] encode(List<String> values) {
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            ids.put(labels.get(i), i);
        }
        Integer other = ids.get(OTHER);
        for (String f : folded) {
            ids.put(f, other);
        }
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(values.get(i), UNSEEN);
        }
        return out;
    }
}
