package dev.probe.activations.store;

import java.util.Locale;

/** The element type of a stored activation matrix: little-endian IEEE float32 or float16. */
public enum StoreDtype {
    /** IEEE binary32, NumPy {@code <f4}. */
    FLOAT32("<f4", 4, "float32"),
    /** IEEE binary16, NumPy {@code <f2}; halves the store size at about three significant digits. */
    FLOAT16("<f2", 2, "float16");

    private final String descr;
    private final int bytes;
    private final String typeName;

    StoreDtype(String descr, int bytes, String typeName) {
        this.descr = descr;
        this.bytes = bytes;
        this.typeName = typeName;
    }

    /** The NumPy type descriptor ({@code "<f4"} or {@code "<f2"}). */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The name used in manifests and on the command line ({@code "float32"} or {@code "float16"}). */
    public String typeName() {
        return typeName;
    }

    /**
     * The dtype named by {@code text}: {@code float32}, {@code f32}, {@code fp32}, {@code f4} or {@code <f4} (and the
     * float16 equivalents, plus {@code half}), case-insensitive.
     *
     * @throws IllegalArgumentException for any other text, including big-endian descriptors
     */
    public static StoreDtype parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "float32", "f32", "fp32", "f4", "<f4":
                return FLOAT32;
            case "float16", "f16", "fp16", "f2", "<f2", "half":
                return FLOAT16;
            default:
                throw new IllegalArgumentException("unknown dtype '" + text + "'; expected float32 or float16");
        }
    }

    @Override
    public String toString() {
        return typeName;
    }
}
