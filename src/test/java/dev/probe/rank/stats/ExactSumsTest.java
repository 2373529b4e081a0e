package dev.probe.rank.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactSumsTest {

    private static double exact(List<Double> terms) {
        BigDecimal s = BigDecimal.ZERO;
        for (double t : terms) {
            s = s.add(new BigDecimal(t));
        }
        return s.doubleValue(); // correctly rounded
    }

    private static ExactSums sum(List<Double> terms) {
        ExactSums s = new ExactSums(1);
        for (double t : terms) {
            s.add(0, t);
        }
        return s;
    }

    @Test
    void knownAnswers() {
        // 0.1 + 0.2 in doubles is 0.30000000000000004; the exact sum of those two doubles rounds to the same
        assertThat(sum(List.of(0.1, 0.2)).value(0)).isEqualTo(exact(List.of(0.1, 0.2)));
        // 1e16 + 1 − 1e16: naive double addition gives 0, the exact sum is 1
        assertThat(sum(List.of(1e16, 1.0, -1e16)).value(0)).isEqualTo(1.0);
        // a tiny neuron beside a large one loses nothing: 2⁻¹⁴⁹ (the smallest float32) and its square
        double tiny = Math.scalb(1.0, -149);
        assertThat(sum(List.of(tiny, tiny, -tiny)).value(0)).isEqualTo(tiny);
        assertThat(sum(List.of(tiny * tiny, 3 * tiny * tiny)).value(0)).isEqualTo(4 * tiny * tiny);
        assertThat(sum(List.of(-2.5, -0.25)).value(0)).isEqualTo(-2.75);
        assertThat(new ExactSums(1).value(0)).isZero();
    }

    @Test
    void anyOrderAndAnySplitGiveTheSameBitsAndTheCorrectlyRoundedSum() {
        Random random = new Random(42);
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            float x = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(70) - 35));
            terms.add((double) x);
            terms.add((double) x * x);
        }
        ExactSums forward = sum(terms);
        double expected = exact(terms);
        assertThat(forward.value(0)).isEqualTo(expected);
        for (int trial = 0; trial < 5; trial++) {
            List<Double> shuffled = new ArrayList<>(terms);
            Collections.shuffle(shuffled, random);
            int cut = random.nextInt(shuffled.size());
            ExactSums left = sum(shuffled.subList(0, cut));
            left.addAll(sum(shuffled.subList(cut, shuffled.size())));
            assertThat(left).isEqualTo(forward);
            assertThat(left.value(0)).isEqualTo(expected);
        }
    }

    @Test
    void carriesByItselfBeforeAnyDigitOverflows() {
        // every mantissa bit set, starting at bit 11 of a digit: each add puts 2^32 − 1 into the digit above, so
        // without carrying, a signed 64-bit digit overflows after 2^31 adds; 2^31 + 2^29 adds must still sum exactly
        double big = Math.scalb(Math.nextDown(2.0), 32 * 8 + 11 + 52 + ExactSums.LSB);
        long n = (1L << 31) + (1L << 29);
        ExactSums s = new ExactSums(1);
        for (long i = 0; i < n; i++) {
            s.add(0, big);
        }
        assertThat(s.value(0)).isEqualTo(new BigDecimal(big).multiply(BigDecimal.valueOf(n)).doubleValue());
    }

    @Test
    void refusesDigitsThatAreNotNormalised() {
        long[] digits = new long[ExactSums.DIGITS];
        digits[3] = 1L << 32;
        assertThatThrownBy(() -> new ExactSums(1, digits)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("digit 3");
        digits[3] = 0;
        digits[ExactSums.DIGITS - 1] = -(1L << 41);
        assertThatThrownBy(() -> new ExactSums(1, digits)).isInstanceOf(ArithmeticException.class);
        digits[ExactSums.DIGITS - 1] = -5;
        assertThat(new ExactSums(1, digits).value(0)).isEqualTo(-5 * Math.scalb(1.0, 32 * 20 + ExactSums.LSB));
    }

    @Test
    void refusesWhatItCannotHoldExactly() {
        ExactSums s = new ExactSums(1);
        assertThatThrownBy(() -> s.add(0, Double.NaN)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> s.add(0, 1e300)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> s.add(0, Double.MIN_VALUE)).isInstanceOf(ArithmeticException.class);
    }
}
