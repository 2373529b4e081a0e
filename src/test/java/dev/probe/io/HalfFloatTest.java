package dev.probe.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatTest {

    private static short f16(float value) {
        return HalfFloat.floatToF16(value);
    }

    @Test
    void signedZeros() {
        assertThat(f16(0f)).isEqualTo((short) 0x0000);
        assertThat(f16(-0f)).isEqualTo((short) 0x8000);
        assertThat(Float.floatToRawIntBits(HalfFloat.f16ToFloat((short) 0x8000))).isEqualTo(0x80000000);
    }

    @Test
    void subnormals() {
        // the smallest subnormal is 2^-24; the largest is 1023 * 2^-24
        assertThat(f16(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(HalfFloat.f16ToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloat.f16ToFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(f16(-3 * 0x1p-24f)).isEqualTo((short) 0x8003);
        // 2^-25 lies halfway between 0 and 2^-24: ties go to the even value 0; a bit more rounds up
        assertThat(f16(0x1p-25f)).isEqualTo((short) 0x0000);
        assertThat(f16(Math.nextUp(0x1p-25f))).isEqualTo((short) 0x0001);
        // 3 * 2^-25 lies halfway between 1 and 2 (units of 2^-24): the tie goes to even 2
        assertThat(f16(3 * 0x1p-25f)).isEqualTo((short) 0x0002);
        // below half the smallest subnormal: zero, keeping the sign
        assertThat(f16(-0x1p-26f)).isEqualTo((short) 0x8000);
        // the largest subnormal plus half a unit rounds up to the smallest normal, 2^-14
        assertThat(f16(1023.5f * 0x1p-24f)).isEqualTo((short) 0x0400);
        assertThat(HalfFloat.f16ToFloat((short) 0x0400)).isEqualTo(0x1p-14f);
    }

    @Test
    void largestValueAndOverflow() {
        assertThat(f16(65504f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloat.f16ToFloat((short) 0x7bff)).isEqualTo(65504f);
        // 65519 is below the midpoint 65520 between 65504 and 65536, which ties to even (infinity)
        assertThat(f16(65519f)).isEqualTo((short) 0x7bff);
        assertThat(f16(65520f)).isEqualTo((short) 0x7c00);
        assertThat(f16(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(f16(-1e6f)).isEqualTo((short) 0xfc00);
        assertThat(f16(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7c00);
        assertThat(HalfFloat.f16ToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void nanStaysNan() {
        assertThat(HalfFloat.f16ToFloat(f16(Float.NaN))).isNaN();
        assertThat(f16(Float.NaN) & 0x7c00).isEqualTo(0x7c00);
        assertThat(f16(Float.NaN) & 0x03ff).isNotZero();
        assertThat(HalfFloat.f16ToFloat((short) 0x7e00)).isNaN();
    }

    @Test
    void roundsToNearestEven() {
        // one unit in the last place at 1.0 is 2^-10
        assertThat(f16(1f + 0x1p-11f)).isEqualTo((short) 0x3c00); // tie, 0x3c00 is even
        assertThat(f16(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02); // tie between 0x3c01 and even 0x3c02
        assertThat(f16(Math.nextUp(1f + 0x1p-11f))).isEqualTo((short) 0x3c01);
        assertThat(f16(Math.nextDown(1f + 3 * 0x1p-11f))).isEqualTo((short) 0x3c01);
        // a mantissa carry into the exponent: just under 2 rounds up to 2
        assertThat(f16(2f - 0x1p-12f)).isEqualTo((short) 0x4000);
        assertThat(f16(0.1f)).isEqualTo((short) 0x2e66);
    }

    @Test
    void everyHalfRoundTrips() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = HalfFloat.f16ToFloat((short) bits);
            if (Float.isNaN(value)) {
                continue;
            }
            assertThat(HalfFloat.floatToF16(value) & 0xffff).as("bits %04x", bits).isEqualTo(bits);
        }
    }

    @Test
    void bfloat16KeepsTheHighBits() {
        assertThat(HalfFloat.bf16ToFloat((short) 0x3f80)).isEqualTo(1f);
        assertThat(HalfFloat.bf16ToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(HalfFloat.bf16ToFloat((short) 0x7f80)).isEqualTo(Float.POSITIVE_INFINITY);
    }
}
