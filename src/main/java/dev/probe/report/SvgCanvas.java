package dev.probe.report;

/**
 * A {@link Canvas} that writes a standalone SVG 1.1 document as text. Colours, coordinates and text are written with
 * {@link java.util.Locale#ROOT} and XML-escaped, so the result parses as XML and embeds in HTML as it is.
 */
public final class SvgCanvas implements Canvas {
    private static final String FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif";

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    /** An empty white canvas of the given size in pixels. */
    public SvgCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive; found " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        body.append("<line x1=\"").append(Fmt.coord(x1)).append("\" y1=\"").append(Fmt.coord(y1))
                .append("\" x2=\"").append(Fmt.coord(x2)).append("\" y2=\"").append(Fmt.coord(y2)).append('"')
                .append(stroke(stroke)).append("/>\n");
    }

    @Override
    public void polyline(double[] xs, double[] ys, Stroke stroke) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polyline needs as many x as y; found " + xs.length + " and " + ys.length);
        }
        body.append("<polyline fill=\"none\" points=\"").append(points(xs, ys)).append('"').append(stroke(stroke))
                .append(" stroke-linejoin=\"round\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, int fillRgb, Stroke border) {
        body.append("<rect x=\"").append(Fmt.coord(x)).append("\" y=\"").append(Fmt.coord(y)).append("\" width=\"")
                .append(Fmt.coord(w)).append("\" height=\"").append(Fmt.coord(h)).append("\" fill=\"")
                .append(Fmt.hex(fillRgb)).append('"').append(border == null ? "" : stroke(border)).append("/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, int fillRgb) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polygon needs as many x as y; found " + xs.length + " and " + ys.length);
        }
        body.append("<polygon points=\"").append(points(xs, ys)).append("\" fill=\"").append(Fmt.hex(fillRgb))
                .append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, int fillRgb) {
        body.append("<circle cx=\"").append(Fmt.coord(cx)).append("\" cy=\"").append(Fmt.coord(cy)).append("\" r=\"")
                .append(Fmt.coord(r)).append("\" fill=\"").append(Fmt.hex(fillRgb)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, Font font) {
        String anchor = switch (font.anchor()) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        body.append("<text x=\"").append(Fmt.coord(x)).append("\" y=\"").append(Fmt.coord(y))
                .append("\" font-size=\"").append(Fmt.coord(font.size())).append("\" fill=\"").append(Fmt.hex(font.rgb()))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (font.bold()) {
            body.append(" font-weight=\"bold\"");
        }
        if (font.vertical()) {
            body.append(" transform=\"rotate(-90 ").append(Fmt.coord(x)).append(' ').append(Fmt.coord(y)).append(")\"");
        }
        body.append('>').append(Fmt.html(text)).append("</text>\n");
    }

    /** The SVG element alone (no XML declaration), for inlining into HTML. */
    public String element() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\"" + FONT_FAMILY + "\">\n"
                + "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"" + height + "\" fill=\"#ffffff\"/>\n"
                + body + "</svg>\n";
    }

    /** A standalone SVG document: XML declaration and the element. */
    public String document() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + element();
    }

    private static String stroke(Stroke s) {
        return " stroke=\"" + Fmt.hex(s.rgb()) + "\" stroke-width=\"" + Fmt.coord(s.width()) + "\""
                + (s.dashed() ? " stroke-dasharray=\"" + Fmt.coord(4 * s.width()) + "," + Fmt.coord(3 * s.width())
                        + "\"" : "");
    }

    private static String points(double[] xs, double[] ys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            b.append(i == 0 ? "" : " ").append(Fmt.coord(xs[i])).append(',').append(Fmt.coord(ys[i]));
        }
        return b.toString();
    }
}
