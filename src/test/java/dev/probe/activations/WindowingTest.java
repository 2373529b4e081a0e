package dev.probe.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowingTest {

    private static int[] starts(int... lengths) {
        int[] s = new int[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) {
            s[i + 1] = s[i] + lengths[i];
        }
        return s;
    }

    @Test
    void shortSentenceIsOneWindowOwningEverything() {
        List<Segment> plan = Windowing.plan(7, starts(1, 2, 1), 10);
        assertThat(plan).containsExactly(new Segment(7, 0, 3, 0, 3, 0, 4));
    }

    @Test
    void longSentenceIsCutIntoHalfOverlappingWindows() {
        // 10 one-subword words, capacity 4: windows start every 2 words: [0,4) [2,6) [4,8) [6,10)
        List<Segment> plan = Windowing.plan(0, starts(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), 4);
        assertThat(plan).extracting(Segment::firstWord).containsExactly(0, 2, 4, 6);
        assertThat(plan).extracting(Segment::endWord).containsExactly(4, 6, 8, 10);
        // word 1: context min(1,2)=1 in window 0 vs not in window 1 → window 0; word 2: min(2,1)=1 in w0, min(0,3)=0 in w1
        // → w0; word 3: min(3,0)=0 in w0, min(1,2)=1 in w1 → w1
        assertThat(plan).extracting(Segment::ownedFirst).containsExactly(0, 3, 5, 7);
        assertThat(plan).extracting(Segment::ownedEnd).containsExactly(3, 5, 7, 10);
    }

    @Test
    void everyWordIsOwnedExactlyOnceOnRandomSentences() {
        SplittableRandom random = new SplittableRandom(42);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + random.nextInt(80);
            int[] lengths = new int[n];
            for (int i = 0; i < n; i++) {
                lengths[i] = 1 + random.nextInt(4);
            }
            int capacity = 4 + random.nextInt(30);
            List<Segment> plan = Windowing.plan(0, starts(lengths), capacity);
            int next = 0;
            for (Segment g : plan) {
                assertThat(g.ownedFirst()).isEqualTo(next);
                assertThat(g.subwords()).isLessThanOrEqualTo(capacity);
                next = g.ownedEnd();
            }
            assertThat(next).isEqualTo(n);
            assertThat(Windowing.plan(0, starts(lengths), capacity)).isEqualTo(plan); // deterministic
        }
    }

    @Test
    void aWordLongerThanTheWindowIsAnError() {
        assertThatThrownBy(() -> Windowing.plan(0, starts(1, 9, 1), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("word 2 has 9 subwords");
    }
}
