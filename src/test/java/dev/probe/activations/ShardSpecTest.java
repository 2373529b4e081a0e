package dev.probe.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.InvalidRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardSpecTest {

    @Test
    void shardsTileTheCorpusInWholeBlocks() {
        // 300 sentences in blocks of 64: blocks [0,64) [64,128) [128,192) [192,256) [256,300)
        assertThat(ShardSpec.parse("1/3").sentenceRange(300, 64)).containsExactly(0, 64);
        assertThat(ShardSpec.parse("2/3").sentenceRange(300, 64)).containsExactly(64, 192);
        assertThat(ShardSpec.parse("3/3").sentenceRange(300, 64)).containsExactly(192, 300);
        for (int n = 1; n <= 7; n++) {
            int end = 0;
            for (int i = 1; i <= n; i++) {
                int[] r = new ShardSpec(i, n).sentenceRange(1000, 100);
                assertThat(r[0]).isEqualTo(end);
                assertThat(r[1] % 100 == 0 || r[1] == 1000).isTrue();
                end = r[1];
            }
            assertThat(end).isEqualTo(1000);
        }
    }

    @Test
    void refusesMalformedAndImpossibleShards() {
        for (String bad : List.of("", "3", "0/2", "3/2", "1/0", "-1/2", "a/b", "1/2/3")) {
            assertThatThrownBy(() -> ShardSpec.parse(bad)).as(bad).isInstanceOf(InvalidRequest.class);
        }
        assertThatThrownBy(() -> new ShardSpec(2, 3).sentenceRange(100, 64))
                .isInstanceOf(InvalidRequest.class).hasMessageContaining("too few for 3 shards");
    }

    @Test
    void batchesNeverCrossAPlanBlock() {
        List<Segment> segments = new java.util.ArrayList<>();
        for (int s = 0; s < 10; s++) {
            segments.add(new Segment(s, 0, 1, 0, 1, 0, 1 + s % 3));
        }
        List<List<Segment>> batches = Batching.pack(segments, 2, 1_000, 64, 4);
        assertThat(batches).hasSize(3);
        for (List<Segment> b : batches) {
            assertThat(b.stream().map(g -> g.sentence() / 4).distinct()).hasSize(1);
        }
        // a run of whole blocks plans exactly the batches the whole corpus plans for it
        assertThat(Batching.pack(segments.subList(4, 8), 2, 1_000, 64, 4)).containsExactly(batches.get(1));
    }
}
