package dev.probe.rank.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The float32 table of {@link ActivationBins#of(float)} against the formula {@link ActivationBins#of(double)}: at every
 * cell's first and last float, around every bin edge, and on random floats; with {@code -Dprobe.exhaustive=true}, at
 * every one of the 4,278,190,080 finite floats (about a minute on 2 cores: 0 mismatches on 2026-12-03).
 */
class ActivationBinsTest {
    private static void same(int bits) {
        float x = Float.intBitsToFloat(bits);
        if (Float.isFinite(x)) {
            assertThat(ActivationBins.of(x)).as("%s (bits %08x)", x, bits).isEqualTo(ActivationBins.of((double) x));
        }
    }

    @Test
    void everyCellsEndsAndEveryBinEdgeMatchTheFormula() {
        for (int cell = 0; cell < 1 << 16; cell++) {
            int first = cell << 16;
            for (int k = 0; k < 4; k++) {
                same(first + k);
                same((first | 0xFFFF) - k);
            }
        }
        for (int b = 0; b <= ActivationBins.BINS; b++) {
            for (double edge : new double[] {ActivationBins.lowerEdge(b), -ActivationBins.lowerEdge(b)}) {
                int bits = Float.floatToRawIntBits((float) edge);
                for (int k = -3; k <= 3; k++) {
                    same(bits + k);
                }
            }
        }
    }

    @Test
    void randomFloatsMatchTheFormula() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000_000; i++) {
            same(random.nextInt());
            same(Float.floatToRawIntBits((float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 4))));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "probe.exhaustive", matches = "true")
    void everyFiniteFloatMatchesTheFormula() {
        long mismatches = IntStream.range(0, 1 << 16).parallel().mapToLong(cell -> {
            long bad = 0;
            for (int k = 0; k < 1 << 16; k++) {
                float x = Float.intBitsToFloat(cell << 16 | k);
                if (Float.isFinite(x) && ActivationBins.of(x) != ActivationBins.of((double) x)) {
                    bad++;
                }
            }
            return bad;
        }).sum();
        assertThat(mismatches).isZero();
    }

    @Test
    void knownBins() {
        assertThat(ActivationBins.of(0f)).isEqualTo(ActivationBins.BINS / 2);
        assertThat(ActivationBins.of(-0f)).isEqualTo(ActivationBins.BINS / 2);
        assertThat(ActivationBins.of(1e6f)).isEqualTo(ActivationBins.BINS - 1);
        assertThat(ActivationBins.of(-1e6f)).isZero();
        assertThat(ActivationBins.of(Float.MAX_VALUE)).isEqualTo(ActivationBins.BINS - 1);
    }
}
