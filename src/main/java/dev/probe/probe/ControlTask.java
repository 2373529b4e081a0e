package dev.probe.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The control task of Hewitt and Liang (2019): every word type gets one label drawn at random from the task's label
 * distribution in training, the same for every occurrence and every split. A probe that does well on it memorises
 * word identity rather than reading the property; selectivity = task accuracy − control accuracy.
 */
public final class ControlTask {
    private ControlTask() {
    }

    /**
     * Draws a control label for every word type.
     *
     * @param trainLabels the task labels of the training words (their distribution is sampled)
     * @param types every word type of every split
     * @param seed the seed; types are visited in sorted order, so the draw is reproducible
     */
    public static Map<String, String> assign(List<String> trainLabels, Iterable<String> types, long seed) {
        Map<String, Integer> counts = new TreeMap<>();
        trainLabels.forEach(l -> counts.merge(l, 1, Integer::sum));
        List<String> labels = new ArrayList<>(counts.keySet());
        long[] cumulative = new long[labels.size()];
        long total = 0;
        for (int i = 0; i < labels.size(); i++) {
            total += counts.get(labels.get(i));
            cumulative[i] = total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, String> assignment = new HashMap<>();
        TreeSet<String> sorted = new TreeSet<>();
        types.forEach(sorted::add);
        for (String type : sorted) {
            long draw = random.nextLong(total);
            int i = 0;
            while (cumulative[i] <= draw) {
                i++;
            }
            assignment.put(type, labels.get(i));
        }
        return assignment;
    }

    /** The control labels of a token sequence. */
    public static List<String> relabel(List<String> tokens, Map<String, String> assignment) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            out.add(assignment.get(token));
        }
        return out;
    }
}
