package dev.probe.report;

/**
 * A drawing surface in pixel coordinates, origin top left, y pointing down: the few primitives the charts need, so
 * each chart is drawn once and rendered as SVG text ({@link SvgCanvas}) or as a PNG image ({@link PngCanvas}).
 */
public interface Canvas {

    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /**
     * How a line is drawn.
     *
     * @param rgb colour as {@code 0xrrggbb}
     * @param width line width in pixels, {@code > 0}
     * @param dashed dashed instead of solid
     */
    record Stroke(int rgb, double width, boolean dashed) {
        /** Checks the width. */
        public Stroke {
            if (!(width > 0)) {
                throw new IllegalArgumentException("stroke width must be > 0; found " + width);
            }
        }

        /** A solid line. */
        public static Stroke solid(int rgb, double width) {
            return new Stroke(rgb, width, false);
        }
    }

    /** Where the anchor point of a text lies: at its start, centre or end. */
    enum Anchor { START, MIDDLE, END }

    /**
     * How a text is drawn.
     *
     * @param size font size in pixels
     * @param rgb colour as {@code 0xrrggbb}
     * @param anchor horizontal anchoring at the given point
     * @param bold bold weight
     * @param vertical rotated 90° counter-clockwise (reads bottom to top), for a y-axis title
     */
    record Font(double size, int rgb, Anchor anchor, boolean bold, boolean vertical) {
        /** A regular horizontal font. */
        public static Font of(double size, int rgb, Anchor anchor) {
            return new Font(size, rgb, anchor, false, false);
        }
    }

    /** A straight line. */
    void line(double x1, double y1, double x2, double y2, Stroke stroke);

    /** Connected line segments through the points; {@code xs} and {@code ys} have the same length. */
    void polyline(double[] xs, double[] ys, Stroke stroke);

    /** A rectangle filled with {@code fillRgb}, with an optional border ({@code null} for none). */
    void rect(double x, double y, double w, double h, int fillRgb, Stroke border);

    /** A filled closed polygon (markers such as diamonds). */
    void polygon(double[] xs, double[] ys, int fillRgb);

    /** A filled circle. */
    void circle(double cx, double cy, double r, int fillRgb);

    /** One line of text; {@code (x, y)} is the anchor point on the baseline. */
    void text(double x, double y, String text, Font font);
}
