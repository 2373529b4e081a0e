package dev.probe.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded structure-blind mutations of a byte string, as coverage-less fuzzers make them: bit flips, random and
 * "interesting" bytes (quotes, brackets, line breaks, 0x00, 0xFF), numbers swapped for boundary values (-1, 0,
 * 2^31, 2^63, 23-digit numbers, NaN), insertions, deletions, duplicated runs (repeated structure), splices with
 * another seed, and truncation. One to four mutations per input; the same seed gives the same inputs.
 */
final class Mutator {
    private static final byte[] INTERESTING = "\0\n\r\t \"'{}[](),:;-.#\\_=|".getBytes(StandardCharsets.ISO_8859_1);
    private static final List<String> NUMBERS = List.of("-1", "0", "1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "12345678901234567890123", "1e308", "-0", "NaN",
            "4294967296", "65536", "1.5", "1099511627776");

    private final SplittableRandom random;

    Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A mutated copy of {@code seed}; {@code other} may be spliced in. */
    byte[] mutate(byte[] seed, byte[] other) {
        byte[] data = seed.clone();
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            data = once(data, other);
        }
        return data;
    }

    private byte[] once(byte[] data, byte[] other) {
        int n = data.length;
        switch (random.nextInt(10)) {
            case 0 -> {
                if (n > 0) {
                    int at = position(n);
                    data[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                if (n > 0) {
                    data[position(n)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                if (n > 0) {
                    data[position(n)] = INTERESTING[random.nextInt(INTERESTING.length)];
                }
            }
            case 3 -> data = replaceNumber(data);
            case 4 -> data = insert(data, position(n + 1), randomBytes(1 + random.nextInt(8)));
            case 5 -> {
                if (n > 1) {
                    int at = position(n);
                    int len = 1 + random.nextInt(Math.min(n - at, 64));
                    data = concat(Arrays.copyOfRange(data, 0, at), Arrays.copyOfRange(data, at + len, n));
                }
            }
            case 6 -> {
                if (n > 1) {
                    int at = position(n);
                    int len = 1 + random.nextInt(Math.min(n - at, 256));
                    byte[] run = Arrays.copyOfRange(data, at, at + len);
                    int times = 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 4);
                    for (int t = 0; t < times; t++) {
                        data = insert(data, at, run);
                    }
                }
            }
            case 7 -> {
                if (other.length > 0 && n > 0) {
                    int cut = position(n);
                    int from = random.nextInt(other.length);
                    data = concat(Arrays.copyOfRange(data, 0, cut), Arrays.copyOfRange(other, from, other.length));
                }
            }
            case 8 -> {
                if (n > 0) {
                    data = Arrays.copyOf(data, random.nextInt(n));
                }
            }
            default -> {
                if (n > 0) {
                    int at = position(n);
                    data[at] = (byte) (data[at] + (random.nextBoolean() ? 1 : -1));
                }
            }
        }
        return data;
    }

    /** A position, biased towards the start, where headers are. */
    private int position(int n) {
        if (n <= 1) {
            return 0;
        }
        return random.nextBoolean() ? random.nextInt(Math.min(n, 512)) : random.nextInt(n);
    }

    private byte[] replaceNumber(byte[] data) {
        int n = data.length;
        if (n == 0) {
            return data;
        }
        int start = position(n);
        while (start < n && !(data[start] >= '0' && data[start] <= '9')) {
            start++;
        }
        if (start == n) {
            return data;
        }
        int end = start;
        while (end < n && data[end] >= '0' && data[end] <= '9') {
            end++;
        }
        byte[] number = NUMBERS.get(random.nextInt(NUMBERS.size())).getBytes(StandardCharsets.ISO_8859_1);
        return concat(concat(Arrays.copyOfRange(data, 0, start), number), Arrays.copyOfRange(data, end, n));
    }

    private byte[] randomBytes(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = random.nextInt(3) == 0 ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt(256);
        }
        return b;
    }

    private static byte[] insert(byte[] data, int at, byte[] run) {
        byte[] out = new byte[data.length + run.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(run, 0, out, at, run.length);
        System.arraycopy(data, at, out, at + run.length, data.length - at);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
