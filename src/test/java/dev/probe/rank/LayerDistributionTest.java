package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import dev.probe.rank.LayerDistribution.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerDistributionTest {

    private static final List<Integer> SEVEN = List.of(0, 1, 2, 3, 4, 5, 6);

    @Test
    void countsNeuronsPerLayerBlock() {
        // Width 4, probe trained on layers 2, 5, 9: ids 0-3 -> layer 2, 4-7 -> 5, 8-11 -> 9.
        List<Layer> layers = LayerDistribution.of(new int[] {0, 3, 5, 8, 9, 11}, List.of(2, 5, 9), 4);
        assertThat(layers).containsExactly(new Layer(2, 2, 2 / 6.0), new Layer(5, 1, 1 / 6.0), new Layer(9, 3, 0.5));
    }

    @Test
    void emptySetHasZeroShares() {
        assertThat(LayerDistribution.of(new int[0], List.of(0, 1), 3))
                .containsExactly(new Layer(0, 0, 0), new Layer(1, 0, 0));
    }

    @Test
    void entropyInBits() {
        assertThat(LayerDistribution.entropy(List.of(new Layer(0, 1, 0.5), new Layer(1, 1, 0.5)))).isEqualTo(1.0);
        assertThat(LayerDistribution.entropy(List.of(new Layer(0, 4, 1), new Layer(1, 0, 0)))).isEqualTo(0.0);
        List<Layer> uniform = List.of(new Layer(0, 1, 0.25), new Layer(1, 1, 0.25), new Layer(2, 1, 0.25),
                new Layer(3, 1, 0.25));
        assertThat(LayerDistribution.entropy(uniform)).isCloseTo(2.0, within(1e-12));
        // -(0.5 log2 0.5 + 2 * 0.25 log2 0.25) = 0.5 + 1 = 1.5
        assertThat(LayerDistribution.entropy(List.of(new Layer(0, 2, 0.5), new Layer(1, 1, 0.25),
                new Layer(2, 1, 0.25)))).isCloseTo(1.5, within(1e-12));
    }

    @Test
    void sevenLayersSplitTwoThreeTwo() {
        // One neuron per layer 0..6 (width 1): bottom = layers 0,1; middle = 2,3,4; top = 5,6.
        List<Layer> layers = LayerDistribution.of(new int[] {0, 1, 2, 3, 4, 5, 6}, SEVEN, 1);
        assertThat(LayerDistribution.thirds(layers, SEVEN))
                .containsExactly(new double[] {2 / 7.0, 3 / 7.0, 2 / 7.0}, within(1e-12));
        // Neurons only in layers 1 (bottom), 4 (middle) and 5, 6 (top).
        List<Layer> some = LayerDistribution.of(new int[] {1, 4, 5, 6}, SEVEN, 1);
        assertThat(LayerDistribution.thirds(some, SEVEN)).containsExactly(new double[] {0.25, 0.25, 0.5}, within(1e-12));
    }

    @Test
    void otherSplitsAreSymmetric() {
        // 8 layers: 3/2/3; 6 layers: 2/2/2.
        List<Integer> eight = List.of(0, 1, 2, 3, 4, 5, 6, 7);
        List<Layer> atTwoAndFive = LayerDistribution.of(new int[] {2, 5}, eight, 1);
        assertThat(LayerDistribution.thirds(atTwoAndFive, eight)).containsExactly(0.5, 0.0, 0.5);
        List<Integer> six = List.of(0, 1, 2, 3, 4, 5);
        assertThat(LayerDistribution.thirds(LayerDistribution.of(new int[] {1, 2}, six, 1), six))
                .containsExactly(0.5, 0.5, 0.0);
    }

    @Test
    void rejectsBadInput() {
        assertThatIllegalArgumentException().isThrownBy(() -> LayerDistribution.of(new int[] {8}, List.of(0, 1), 4))
                .withMessageContaining("8");
        assertThatIllegalArgumentException().isThrownBy(() -> LayerDistribution.of(new int[] {1, 1}, List.of(0), 4))
                .withMessageContaining("twice");
        assertThatIllegalArgumentException().isThrownBy(() -> LayerDistribution.of(new int[0], List.of(0), 0))
                .withMessageContaining("0");
        List<Layer> outside = List.of(new Layer(9, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> LayerDistribution.thirds(outside, SEVEN))
                .withMessageContaining("9");
    }
}
