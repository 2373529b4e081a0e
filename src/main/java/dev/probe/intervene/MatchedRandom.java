package dev.probe.intervene;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The control for a neuron set: as many neurons from each layer as the set has there, drawn uniformly from that
 * layer's other neurons (never one of the set), with a seed. A layer's draw is a partial Fisher–Yates shuffle of its
 * remaining units, so a seed gives the same set on every machine.
 */
public final class MatchedRandom {
    private MatchedRandom() {
    }

    /**
     * Draws the control set.
     *
     * @param neurons the selected neuron ids (layer position × width + unit)
     * @param layers number of layers in the stores
     * @param width neurons per layer
     * @param seed the draw's seed
     * @return neuron ids, sorted
     * @throws IllegalArgumentException when a layer holds more selected neurons than it has others
     */
    public static int[] draw(int[] neurons, int layers, int width, long seed) {
        boolean[] selected = new boolean[layers * width];
        int[] perLayer = new int[layers];
        for (int id : neurons) {
            selected[id] = true;
            perLayer[id / width]++;
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[neurons.length];
        int k = 0;
        for (int layer = 0; layer < layers; layer++) {
            int n = perLayer[layer];
            if (n == 0) {
                continue;
            }
            int[] others = new int[width - n];
            int m = 0;
            for (int u = 0; u < width; u++) {
                if (!selected[layer * width + u]) {
                    others[m++] = layer * width + u;
                }
            }
            if (n > m) {
                throw new IllegalArgumentException("layer position " + layer + " has " + n + " selected neurons but"
                        + " only " + m + " others to draw a matched random set from");
            }
            for (int i = 0; i < n; i++) {
                int j = i + random.nextInt(m - i);
                int t = others[i];
                others[i] = others[j];
                others[j] = t;
                out[k++] = others[i];
            }
        }
        Arrays.sort(out);
        return out;
    }
}
