package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's set sizes and Borda consensus on literal orderings. */
class RankerBenchmarkTest {
    @Test
    void bordaCountAddsRankPoints() {
        // n = 4: points 3, 2, 1, 0 by rank. A = 0 1 2 3, B = 1 0 3 2, C = 1 2 0 3.
        // neuron 0: 3 + 2 + 1 = 6; 1: 2 + 3 + 3 = 8; 2: 1 + 0 + 2 = 3; 3: 0 + 1 + 0 = 1.
        int[] consensus = RankerBenchmark.borda(List.of(new int[] {0, 1, 2, 3}, new int[] {1, 0, 3, 2},
                new int[] {1, 2, 0, 3}), 4);
        assertThat(consensus).containsExactly(1, 0, 2, 3);
    }

    @Test
    void sizesAreTheFixedOnesThenThePercentages() {
        assertThat(RankerBenchmark.sizes(2688)).extracting(RankerBenchmark.Size::neurons)
                .containsExactly(10, 30, 50, 70, 100, 27, 134, 269, 538);
        assertThat(RankerBenchmark.sizes(40)).extracting(RankerBenchmark.Size::label)
                .containsExactly("10", "30", "1 %", "5 %", "10 %", "20 %");
        assertThat(RankerBenchmark.sizes(40)).extracting(RankerBenchmark.Size::neurons)
                .containsExactly(10, 30, 1, 2, 4, 8);
    }
}
