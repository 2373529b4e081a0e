package dev.probe.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A {@link Canvas} that draws into a headless {@code java.awt} image with antialiasing and writes it as PNG. Sets
 * {@code java.awt.headless=true} when the property is unset, so no display is needed. Close it to release the graphics
 * context.
 */
public final class PngCanvas implements Canvas, AutoCloseable {
    private final BufferedImage image;
    private final Graphics2D g;

    /** An empty white canvas of the given size in pixels. */
    public PngCanvas(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("canvas size must be positive; found " + width + "x" + height);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Stroke stroke) {
        use(stroke);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, Stroke stroke) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polyline needs as many x as y; found " + xs.length + " and " + ys.length);
        }
        if (xs.length == 0) {
            return;
        }
        use(stroke);
        g.draw(path(xs, ys, false));
    }

    @Override
    public void rect(double x, double y, double w, double h, int fillRgb, Stroke border) {
        Rectangle2D r = new Rectangle2D.Double(x, y, w, h);
        g.setColor(new Color(fillRgb));
        g.fill(r);
        if (border != null) {
            use(border);
            g.draw(r);
        }
    }

    @Override
    public void polygon(double[] xs, double[] ys, int fillRgb) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException("polygon needs as many x as y; found " + xs.length + " and " + ys.length);
        }
        if (xs.length == 0) {
            return;
        }
        g.setColor(new Color(fillRgb));
        g.fill(path(xs, ys, true));
    }

    @Override
    public void circle(double cx, double cy, double r, int fillRgb) {
        g.setColor(new Color(fillRgb));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void text(double x, double y, String text, Font font) {
        java.awt.Font f = new java.awt.Font(java.awt.Font.SANS_SERIF, font.bold() ? java.awt.Font.BOLD
                : java.awt.Font.PLAIN, 1).deriveFont((float) font.size());
        g.setFont(f);
        g.setColor(new Color(font.rgb()));
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double dx = switch (font.anchor()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (font.vertical()) {
            g.rotate(-Math.PI / 2);
        }
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    /** The image drawn so far. */
    public BufferedImage image() {
        return image;
    }

    /** Writes the image as a PNG file. */
    public void write(Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException(file + ": no PNG writer available");
        }
    }

    @Override
    public void close() {
        g.dispose();
    }

    private void use(Stroke s) {
        g.setColor(new Color(s.rgb()));
        float w = (float) s.width();
        g.setStroke(s.dashed() ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {4 * w, 3 * w}, 0f) : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    private static Path2D path(double[] xs, double[] ys, boolean closed) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            p.lineTo(xs[i], ys[i]);
        }
        if (closed) {
            p.closePath();
        }
        return p;
    }
}
