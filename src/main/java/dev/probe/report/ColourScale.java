package dev.probe.report;

/**
 * Colour scales for heat-maps, as RGB integers: a diverging blue–white–red scale for signed values (ColorBrewer RdBu,
 * colour-blind safe) and a sequential white–blue scale for shares and overlaps.
 */
public final class ColourScale {
    private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
    private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};
    private static final int[] SEQUENTIAL = {0x08, 0x45, 0x94};

    private ColourScale() {
    }

    /** {@code value} in [-1, 1] (clamped; NaN is white): −1 blue, 0 white, +1 red. */
    public static int diverging(double value) {
        if (Double.isNaN(value)) {
            return 0xffffff;
        }
        double v = Math.max(-1, Math.min(1, value));
        return blend(v < 0 ? NEGATIVE : POSITIVE, Math.abs(v));
    }

    /** {@code value} in [0, 1] (clamped; NaN is white): 0 white, 1 dark blue. */
    public static int sequential(double value) {
        if (Double.isNaN(value)) {
            return 0xffffff;
        }
        return blend(SEQUENTIAL, Math.max(0, Math.min(1, value)));
    }

    /** Black or white, whichever reads better on {@code background}. */
    public static int text(int background) {
        double luminance = 0.299 * (background >> 16 & 0xff) + 0.587 * (background >> 8 & 0xff)
                + 0.114 * (background & 0xff);
        return luminance < 140 ? 0xffffff : 0x000000;
    }

    /** {@code #rrggbb}. */
    public static String css(int rgb) {
        return Fmt.hex(rgb);
    }

    private static int blend(int[] end, double t) {
        int r = (int) Math.round(255 + (end[0] - 255) * t);
        int g = (int) Math.round(255 + (end[1] - 255) * t);
        int b = (int) Math.round(255 + (end[2] - 255) * t);
        return r << 16 | g << 8 | b;
    }
}
