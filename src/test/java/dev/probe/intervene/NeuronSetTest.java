package dev.probe.intervene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.probe.InvalidRequest;
import dev.probe.rank.RankingResult;
import dev.probe.report.SampleRankings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Neuron set specs against a ranking of 2 layers × 8 neurons whose ordering starts with the minimal set 3, 9, 12. */
class NeuronSetTest {
    private static final List<Integer> LAYERS = SampleRankings.LAYERS;
    private static final int WIDTH = SampleRankings.WIDTH;
    private static final RankingResult RANKING = SampleRankings.of("m", "xpos", new int[] {3, 9, 12},
            List.of("NN", "VB"), new int[][] {{9, 3}, {12}}, 0.9, 0.3, false, false);

    private static NeuronSet parse(String spec) {
        return NeuronSet.parse(spec, RANKING, LAYERS, WIDTH, 5);
    }

    @Test
    void kindsSelectWhatTheyName() {
        assertThat(parse("minimal").neurons()).containsExactly(3, 9, 12);
        assertThat(parse("top:4").neurons()).containsExactly(3, 9, 12, 0);
        assertThat(parse("top:25%").neurons()).containsExactly(3, 9, 12, 0); // 25 % of 16
        assertThat(parse("bottom:2").neurons()).containsExactly(14, 15);
        assertThat(parse("class:NN").neurons()).containsExactly(9, 3);
        assertThat(parse("list:1:0, 0:7,1:0").neurons()).containsExactly(8, 7); // the store's layer 1 is position 1
        assertThat(parse(" top:4 ").spec()).isEqualTo("top:4");
    }

    @Test
    void randomIsASeededSampleWithoutRepeats() {
        NeuronSet a = parse("random:6");
        assertThat(a.neurons()).hasSize(6).doesNotHaveDuplicates();
        assertThat(java.util.Arrays.stream(a.neurons()).allMatch(n -> n >= 0 && n < 16)).isTrue();
        assertThat(parse("random:6")).isEqualTo(a);
        assertThat(NeuronSet.parse("random:6", RANKING, LAYERS, WIDTH, 6)).isNotEqualTo(a);
        assertThat(parse("random:100%").neurons()).hasSize(16).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "minimal:3|takes no argument", "top:0|between 1 and 16", "top:17|between 1 and 16", "top:x|not a count",
        "top:0%|(0, 100]", "top:101%|(0, 100]", "class:JJ|no class 'JJ'", "list:2:0|layer 2 is not in the stores",
        "list:0:8|outside 0..7", "list:0|not LAYER:UNIT", "list:a:b|not LAYER:UNIT", "first:3|unknown kind",
        "''|unknown kind"})
    void malformedSpecsAreNamed(String spec, String problem) {
        assertThatThrownBy(() -> parse(spec)).isInstanceOf(InvalidRequest.class)
                .hasMessageContaining(problem).extracting(e -> ((InvalidRequest) e).field()).isEqualTo("set");
    }
}
