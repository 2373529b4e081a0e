package dev.probe.intervene;

import dev.probe.InvalidRequest;
import dev.probe.rank.RankingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A set of neurons to intervene on, named by the spec it came from.
 *
 * <p>Specs: {@code minimal} (the ranking's minimal set), {@code top:N} / {@code bottom:N} / {@code random:N} (N
 * neurons, or {@code P%} of all, from the head or tail of the ranking's ordering, or drawn with the seed),
 * {@code class:NAME} (the class's top neurons in the ranking) and {@code list:L:U,L:U,…} (layer and unit, the layer as
 * the store numbers it).
 *
 * @param spec the spec as given (its name in reports)
 * @param neurons neuron ids (store columns: layer position × width + unit), each once, in the order the spec gives
 */
public record NeuronSet(String spec, int[] neurons) {
    public NeuronSet {
        neurons = neurons.clone();
    }

    /** The number of neurons. */
    public int size() {
        return neurons.length;
    }

    /**
     * Parses a spec against a ranking.
     *
     * @param layers the stores' layers, in column order
     * @param width neurons per layer
     * @param seed seed of {@code random:N}
     * @throws InvalidRequest (field {@code set}) when the spec is malformed or names what the ranking lacks
     */
    public static NeuronSet parse(String spec, RankingResult ranking, List<Integer> layers, int width, long seed) {
        String s = spec.trim();
        int colon = s.indexOf(':');
        String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? "" : s.substring(colon + 1);
        int total = layers.size() * width;
        int[] order = ranking.ordering();
        int[] neurons = switch (kind) {
            case "minimal" -> {
                if (colon >= 0) {
                    throw bad(spec, "minimal takes no argument");
                }
                yield ranking.minimalSet().neurons();
            }
            case "top" -> Arrays.copyOf(order, count(spec, arg, total, order.length));
            case "bottom" -> {
                int n = count(spec, arg, total, order.length);
                yield Arrays.copyOfRange(order, order.length - n, order.length);
            }
            case "random" -> random(count(spec, arg, total, total), total, seed);
            case "class" -> classTop(spec, arg, ranking);
            case "list" -> list(spec, arg, layers, width);
            default -> throw bad(spec, "unknown kind '" + kind + "'; use minimal, top:N, bottom:N, random:N,"
                    + " class:NAME or list:L:U,…");
        };
        if (neurons.length == 0) {
            throw bad(spec, "selects no neuron");
        }
        return new NeuronSet(s, neurons);
    }

    /** N, or P% of {@code total} (rounded, at least 1); at most {@code available}. */
    private static int count(String spec, String arg, int total, int available) {
        try {
            int n;
            if (arg.endsWith("%")) {
                double p = Double.parseDouble(arg.substring(0, arg.length() - 1));
                if (!(p > 0 && p <= 100)) {
                    throw bad(spec, "a percentage must be in (0, 100]");
                }
                n = Math.max(1, (int) Math.round(p / 100 * total));
            } else {
                n = Integer.parseInt(arg);
            }
            if (n < 1 || n > available) {
                throw bad(spec, "needs between 1 and " + available + " neurons, found " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(spec, "'" + arg + "' is not a count (N) or a percentage (P%)");
        }
    }

    private static int[] random(int n, int total, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        for (int i = 0; i < n; i++) { // partial Fisher–Yates: the first n are a uniform sample
            int j = i + random.nextInt(total - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }

    private static int[] classTop(String spec, String label, RankingResult ranking) {
        if (ranking.perClass() == null) {
            throw bad(spec, "the ranking has no per-class neurons");
        }
        List<String> known = new ArrayList<>();
        for (RankingResult.ClassTop top : ranking.perClass()) {
            if (top.label().equals(label)) {
                return top.neurons().stream().mapToInt(RankingResult.NeuronWords::neuron).toArray();
            }
            known.add(top.label());
        }
        throw bad(spec, "no class '" + label + "' in the ranking; classes: " + String.join(", ", known));
    }

    private static int[] list(String spec, String arg, List<Integer> layers, int width) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String item : arg.split(",")) {
            String[] parts = item.trim().split(":");
            if (parts.length != 2) {
                throw bad(spec, "'" + item + "' is not LAYER:UNIT");
            }
            int layer;
            int unit;
            try {
                layer = Integer.parseInt(parts[0].trim());
                unit = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw bad(spec, "'" + item + "' is not LAYER:UNIT");
            }
            int position = layers.indexOf(layer);
            if (position < 0) {
                throw bad(spec, "layer " + layer + " is not in the stores, which hold layers " + layers);
            }
            if (unit < 0 || unit >= width) {
                throw bad(spec, "unit " + unit + " is outside 0.." + (width - 1));
            }
            ids.add(position * width + unit);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static InvalidRequest bad(String spec, String problem) {
        return new InvalidRequest("set", "'" + spec + "': " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NeuronSet n && spec.equals(n.spec) && Arrays.equals(neurons, n.neurons);
    }

    @Override
    public int hashCode() {
        return 31 * spec.hashCode() + Arrays.hashCode(neurons);
    }

    @Override
    public String toString() {
        return spec + " (" + neurons.length + " neurons)";
    }
}
