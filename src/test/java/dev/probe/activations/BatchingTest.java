package dev.probe.activations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingTest {

    private static Segment segment(int sentence, int subwords) {
        return new Segment(sentence, 0, 1, 0, 1, 0, subwords);
    }

    @Test
    void packsLongestFirstUnderTheTokenBudget() {
        List<Segment> segments = List.of(segment(0, 3), segment(1, 10), segment(2, 8), segment(3, 2), segment(4, 9));
        // specials 2: lengths 5, 12, 10, 4, 11; budget 24 → [12, 11] (2×12=24), [10, 5] (2×10), [4]? no: 3×10=30 > 24
        List<List<Segment>> batches = Batching.pack(segments, 2, 24, 64);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0)).extracting(Segment::sentence).containsExactly(1, 4);
        assertThat(batches.get(1)).extracting(Segment::sentence).containsExactly(2, 0);
        assertThat(batches.get(2)).extracting(Segment::sentence).containsExactly(3);
    }

    @Test
    void respectsTheBatchSizeAndKeepsEverySegment() {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            segments.add(segment(i, 1 + i % 7));
        }
        List<List<Segment>> batches = Batching.pack(segments, 2, 1_000_000, 16);
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(16));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(100);
    }

    @Test
    void aSequenceLongerThanTheBudgetStillGetsItsOwnBatch() {
        assertThat(Batching.pack(List.of(segment(0, 50), segment(1, 50)), 2, 10, 64)).hasSize(2);
    }
}
