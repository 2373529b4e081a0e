package dev.probe.intervene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectValuesTest {

    @Test
    void combineGivesTheRandomMeanAndSampleSd() {
        EffectValues.Key key = new EffectValues.Key(Measure.PROBE_ACCURACY, 6, null);
        List<Effect> effects = EffectValues.combine("minimal", 12, Map.of(key, 0.30),
                List.of(Map.of(key, 0.01), Map.of(key, 0.03), Map.of(key, 0.05)));
        assertThat(effects).hasSize(1);
        Effect e = effects.get(0);
        assertThat(e.measure()).isEqualTo(Measure.PROBE_ACCURACY);
        assertThat(e.layer()).isEqualTo(6);
        assertThat(e.set()).isEqualTo("minimal");
        assertThat(e.neurons()).isEqualTo(12);
        assertThat(e.value()).isEqualTo(0.30);
        assertThat(e.randomMean()).isCloseTo(0.03, within(1e-15));
        assertThat(e.randomSd()).isCloseTo(0.02, within(1e-15)); // sqrt((0.02² + 0 + 0.02²) / 2)
        assertThat(e.z()).isCloseTo(13.5, within(1e-9));
    }
}
