package dev.probe.rank;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a neuron set spreads over the layers it was drawn from (Durrani et al., EMNLP 2020, analyse where the salient
 * neurons of a property live). The probe's features are the concatenation of the layers in {@code layers} order,
 * {@code width} neurons each, so neuron id {@code j} belongs to layer {@code layers.get(j / width)}.
 */
public final class LayerDistribution {

    private LayerDistribution() {
    }

    /**
     * The part of a neuron set in one layer.
     *
     * @param layer the model's layer index (as in the layer list, e.g. 0 = embeddings)
     * @param count neurons of the set in this layer, ≥ 0
     * @param share {@code count / |set|}, in {@code [0, 1]}; 0 for an empty set
     */
    public record Layer(int layer, int count, double share) {

        /** Checks the ranges. */
        public Layer {
            if (count < 0 || !(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("layer " + layer + ": count must be >= 0 and share in [0, 1]; found "
                        + count + " and " + share);
            }
        }
    }

    /**
     * Counts a neuron set per layer: one entry per element of {@code layers}, in that order, zero counts included.
     *
     * @param neurons distinct neuron ids in {@code [0, layers.size() · width)}
     * @param layers the layer index of each block of {@code width} neurons, distinct
     * @param width neurons per layer, {@code > 0}
     */
    public static List<Layer> of(int[] neurons, List<Integer> layers, int width) {
        if (neurons == null || layers == null) {
            throw new IllegalArgumentException("neurons and layers must not be null");
        }
        if (width <= 0) {
            throw new IllegalArgumentException("width must be > 0; found " + width);
        }
        if (layers.stream().distinct().count() != layers.size()) {
            throw new IllegalArgumentException("layers must be distinct; found " + layers);
        }
        long total = (long) layers.size() * width;
        int[] counts = new int[layers.size()];
        BitSet seen = new BitSet();
        for (int id : neurons) {
            if (id < 0 || id >= total) {
                throw new IllegalArgumentException("neuron " + id + " is outside [0, " + total + ") = "
                        + layers.size() + " layers x " + width);
            }
            if (seen.get(id)) {
                throw new IllegalArgumentException("neuron " + id + " appears twice in the set");
            }
            seen.set(id);
            counts[id / width]++;
        }
        List<Layer> result = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            double share = neurons.length == 0 ? 0 : (double) counts[i] / neurons.length;
            result.add(new Layer(layers.get(i), counts[i], share));
        }
        return List.copyOf(result);
    }

    /** Shannon entropy of the shares in bits, {@code H = -Σ share · log2(share)} over the shares {@code > 0}. */
    public static double entropy(List<Layer> distribution) {
        double h = 0;
        for (Layer layer : distribution) {
            if (layer.share() > 0) {
                h -= layer.share() * Math.log(layer.share()) / Math.log(2);
            }
        }
        return h == 0 ? 0 : h; // no -0.0 for a single layer
    }

    /**
     * The share of the set in the bottom, middle and top third of {@code allLayers} (taken in the given order, lowest
     * first). With {@code n = allLayers.size()}, {@code q = n / 3} and {@code r = n % 3} the parts have sizes
     * {@code (q, q, q)} for {@code r = 0}, {@code (q, q+1, q)} for {@code r = 1} (the middle takes the extra layer) and
     * {@code (q+1, q, q+1)} for {@code r = 2} (bottom and top take one each) — symmetric, so the bottom and top thirds
     * are always the same size. 7 layers split 2/3/2, 13 layers 4/5/4, 25 layers 8/9/8.
     *
     * @return {@code [bottom, middle, top]}, summing to the total share of the distribution (1, or 0 for an empty set)
     * @throws IllegalArgumentException if {@code allLayers} is empty or has repeats, or the distribution names a layer
     *     outside it with a non-zero count
     */
    public static double[] thirds(List<Layer> distribution, List<Integer> allLayers) {
        int n = allLayers.size();
        if (n == 0 || allLayers.stream().distinct().count() != n) {
            throw new IllegalArgumentException("allLayers must be non-empty and distinct; found " + allLayers);
        }
        int q = n / 3;
        int bottom = n % 3 == 2 ? q + 1 : q;
        int middle = n % 3 == 1 ? q + 1 : q;
        Map<Integer, Integer> part = new HashMap<>();
        for (int i = 0; i < n; i++) {
            part.put(allLayers.get(i), i < bottom ? 0 : i < bottom + middle ? 1 : 2);
        }
        double[] shares = new double[3];
        for (Layer layer : distribution) {
            Integer p = part.get(layer.layer());
            if (p != null) {
                shares[p] += layer.share();
            } else if (layer.count() > 0) {
                throw new IllegalArgumentException("layer " + layer.layer() + " is not among " + allLayers);
            }
        }
        return shares;
    }
}
