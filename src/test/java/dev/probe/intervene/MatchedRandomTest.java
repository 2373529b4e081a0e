package dev.probe.intervene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchedRandomTest {

    @Test
    void sameCountPerLayerNeverTheSelectedOnesAndSeeded() {
        int[] selected = {1, 2, 3, 17, 40}; // width 16: layer 0 ×3, layer 1 ×1, layer 2 ×1
        Set<Integer> seen = new HashSet<>();
        for (long seed = 1; seed <= 50; seed++) {
            int[] drawn = MatchedRandom.draw(selected, 3, 16, seed);
            assertThat(drawn).hasSize(5).isSorted().doesNotHaveDuplicates()
                    .doesNotContain(selected);
            assertThat(Arrays.stream(drawn).filter(n -> n < 16).count()).isEqualTo(3);
            assertThat(Arrays.stream(drawn).filter(n -> n >= 16 && n < 32).count()).isEqualTo(1);
            assertThat(Arrays.stream(drawn).filter(n -> n >= 32).count()).isEqualTo(1);
            Arrays.stream(drawn).forEach(seen::add);
            assertThat(MatchedRandom.draw(selected, 3, 16, seed)).containsExactly(drawn);
        }
        // 50 draws reach most of the 43 other neurons: the draw is not stuck on a few
        assertThat(seen.size()).isGreaterThan(35);
    }

    @Test
    void aLayerWithTooFewOthersIsRefused() {
        assertThatThrownBy(() -> MatchedRandom.draw(new int[] {0, 1, 2}, 1, 4, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only 1 others");
    }
}
