package dev.probe.model.init;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic stream of standard normal numbers for one tensor, a function of the {@code --random-init} seed and
 * the tensor's name only, so re-initialised weights do not depend on the order tensors are loaded in, on threads, or
 * on the JDK.
 *
 * <p>Exactly: the 64-bit state starts as the first 8 bytes (big-endian) of SHA-256 of the UTF-8 text
 * {@code "<seed>:<name>"} (the seed in decimal); SplitMix64 (Steele, Lea &amp; Flood 2014; the finaliser of
 * {@code java.util.SplittableRandom}, written out here so a JDK change cannot alter it) turns it into 64-bit words;
 * the top 53 bits of a word make a uniform double in [0, 1); Marsaglia's polar method turns pairs of uniforms into
 * pairs of normals, both used, with {@link StrictMath} so the values are bit-identical on every platform. It does not
 * reproduce PyTorch's generator: a random twin made here has the right distribution, not PyTorch's numbers.
 */
public final class SeededNormal {
    /** The PRNG, as recorded in provenance. */
    public static final String DESCRIPTION = "splitmix64 seeded by sha256(\"<seed>:<name>\"), Marsaglia polar normals"
            + " (StrictMath), v1";

    private long state;
    private double spare;
    private boolean hasSpare;

    /** The stream of the tensor {@code name} under {@code seed}. */
    public SeededNormal(long seed, String name) {
        byte[] digest = sha256((seed + ":" + name).getBytes(StandardCharsets.UTF_8));
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (digest[i] & 0xffL);
        }
        state = s;
    }

    /** The next 64 random bits (SplitMix64). */
    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1). */
    double nextUniform() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** The next standard normal number. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextUniform() - 1;
            v = 2 * nextUniform() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spare = v * factor;
        hasSpare = true;
        return u * factor;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
