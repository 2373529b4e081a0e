package dev.probe.activations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.probe.ProbeException;
import dev.probe.activations.store.StoreDtype;
import dev.probe.corpus.Sentence;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which values each store type accepts, and which offending value is reported first. */
class ValueCheckTest {
    private static final ValueCheck F32 = ValueCheck.forStore(StoreDtype.FLOAT32);
    private static final ValueCheck F16 = ValueCheck.forStore(StoreDtype.FLOAT16);

    @Test
    void float32AcceptsEveryFiniteValue() {
        assertThat(F32.accepts(new float[] {0f, -0f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE}, 0, 5))
                .isTrue();
        assertThat(F32.accepts(new float[] {1f, Float.NaN}, 0, 2)).isFalse();
        assertThat(F32.accepts(new float[] {1f, Float.NEGATIVE_INFINITY}, 0, 2)).isFalse();
        assertThat(F32.accepts(new float[] {Float.NaN, 1f}, 1, 2)).as("outside the range checked").isTrue();
    }

    @Test
    void float16AcceptsItsFiniteRangeOnly() {
        assertThat(F16.accepts(new float[] {65504f, -65504f, 6e-8f}, 0, 3)).isTrue();
        assertThat(F16.accepts(new float[] {Math.nextUp(65504f)}, 0, 1)).isFalse();
        assertThat(F16.accepts(new float[] {-70000f}, 0, 1)).isFalse();
        assertThat(F16.accepts(new float[] {Float.NaN}, 0, 1)).isFalse();
    }

    @Test
    void locatesTheLowestLayerThenTheFirstWordAndUnit() {
        // two words × (2 layers × 3 units): word 0 is bad at layer 1, word 1 at layer 0 unit 2 and layer 1
        float[] rows = {
            0, 0, 0, /* layer 1 */ 0, Float.NaN, 0,
            0, 0, Float.POSITIVE_INFINITY, /* layer 1 */ Float.NaN, 0, 0,
        };
        ValueCheck.Found f = F32.locate(7, 4, rows, 2, 2, 3);
        assertThat(f).isEqualTo(new ValueCheck.Found(7, 5, 0, 2, Float.POSITIVE_INFINITY));
    }

    @Test
    void theEarlierSentenceWinsWhateverTheOrderFound() {
        ValueCheck.Found late = new ValueCheck.Found(9, 0, 0, 0, Float.NaN);
        ValueCheck.Found early = new ValueCheck.Found(2, 5, 3, 1, Float.NaN);
        ValueCheck.Found earlyLowerLayer = new ValueCheck.Found(2, 6, 1, 0, Float.NaN);
        assertThat(ValueCheck.Found.first(null, late)).isEqualTo(late);
        assertThat(ValueCheck.Found.first(late, early)).isEqualTo(early);
        assertThat(ValueCheck.Found.first(early, late)).isEqualTo(early);
        assertThat(ValueCheck.Found.first(early, earlyLowerLayer)).isEqualTo(earlyLowerLayer);
    }

    @Test
    void messagesNameFileLineSentenceWordLayerAndUnit() {
        List<Sentence> sentences = List.of(new Sentence(List.of("a"), List.of("X"), 1),
                new Sentence(List.of("big", "dog"), List.of("X", "Y"), 3));
        ProbeException nan = ValueCheck.error(new ValueCheck.Found(1, 1, 1, 4, Float.NaN), Path.of("c.conllu"),
                sentences, List.of(0, 6));
        assertThat(nan.getMessage()).isEqualTo("c.conllu:3: sentence index 1, word 1 ('dog'): layer 6, unit 4 is NaN:"
                + " the model gives non-finite activations (NaN or infinite weights in the checkpoint, a bad epsilon"
                + " in config.json, or an overflow); nothing was written");
        ProbeException big = ValueCheck.error(new ValueCheck.Found(0, 0, 0, 2, -70000f), Path.of("c.conllu"),
                sentences, List.of(0, 6));
        assertThat(big.getMessage()).isEqualTo("c.conllu:1: sentence index 0, word 0 ('a'): layer 0, unit 2 reaches"
                + " -70000.0, beyond the float16 range (±65504); extract with --dtype float32; nothing was written");
    }
}
