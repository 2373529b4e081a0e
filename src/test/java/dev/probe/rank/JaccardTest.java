package dev.probe.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class JaccardTest {

    @Test
    void literalCases() {
        assertThat(Jaccard.of(new int[] {1, 2, 3}, new int[] {2, 3, 4})).isCloseTo(0.5, within(1e-12)); // 2 of 4
        assertThat(Jaccard.of(new int[] {1, 2}, new int[] {3})).isZero();
        assertThat(Jaccard.of(new int[] {5, 1}, new int[] {1, 5})).isEqualTo(1.0);
        assertThat(Jaccard.of(new int[] {1, 2, 3, 4}, new int[] {4})).isCloseTo(0.25, within(1e-12));
        assertThat(Jaccard.of(new int[] {}, new int[] {7})).isZero();
    }

    @Test
    void twoEmptySetsAreIdentical() {
        assertThat(Jaccard.of(new int[0], new int[0])).isEqualTo(1.0);
    }

    @Test
    void repeatsAndOrderAreIgnored() {
        assertThat(Jaccard.of(new int[] {3, 1, 1, 2}, new int[] {2, 2, 9})).isCloseTo(0.25, within(1e-12)); // {2} / 4
    }
}
