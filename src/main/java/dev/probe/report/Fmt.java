package dev.probe.report;

import java.util.Locale;

/** Number formatting ({@link Locale#ROOT}, NaN as an en dash) and escaping for Markdown, HTML and SVG. */
final class Fmt {
    /** What a missing value (NaN, or no value at all) prints as. */
    static final String MISSING = "–";

    private Fmt() {
    }

    /** An accuracy or other fraction with four decimals, or {@link #MISSING} for NaN. */
    static String acc(double value) {
        return fixed(value, 4);
    }

    /** {@code value} with {@code decimals} decimals, or {@link #MISSING} for NaN and infinities. */
    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : MISSING;
    }

    /** A signed number with a real minus sign: "+1.23", "−0.40"; {@link #MISSING} for NaN. */
    static String signed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(value));
        boolean zero = s.chars().allMatch(ch -> ch == '0' || ch == '.');
        return (zero ? "" : value < 0 ? "−" : "+") + s;
    }

    /** A general number such as a λ: plain decimals between 0.001 and 10⁴ (trailing zeros dropped), else "1.0e-05". */
    static String num(double value) {
        if (!Double.isFinite(value)) {
            return MISSING;
        }
        if (value == 0) {
            return "0";
        }
        double a = Math.abs(value);
        return a >= 1e-3 && a < 1e4 ? trim(String.format(Locale.ROOT, "%.6f", value))
                : String.format(Locale.ROOT, "%.1e", value);
    }

    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** A fraction in [0, 1] as a percentage ("12.5 %", two decimals below 1 %), or {@link #MISSING} for NaN. */
    static String pct(double fraction) {
        if (!Double.isFinite(fraction)) {
            return MISSING;
        }
        double p = fraction * 100;
        return String.format(Locale.ROOT, Math.abs(p) < 1 && p != 0 ? "%.2f %%" : "%.1f %%", p);
    }

    /** A coordinate for SVG: at most two decimals, no trailing zeros. */
    static String coord(double value) {
        String s = trim(String.format(Locale.ROOT, "%.2f", value));
        return "-0".equals(s) ? "0" : s;
    }

    /** An RGB colour as {@code #rrggbb}. */
    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xffffff);
    }

    /** Text escaped for HTML and XML content and attribute values; control characters become spaces. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 || c == 0xfffe || c == 0xffff ? ' ' : c);
            }
        }
        return b.toString();
    }

    /**
     * Text escaped for one Markdown table cell: {@code |} and the characters that start emphasis, code, links or inline
     * HTML are backslash-escaped, and line breaks become spaces.
     */
    static String md(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\|`*_[]<>".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.toString();
    }

    /** {@code text} cut to {@code max} characters with an ellipsis. */
    static String cut(String text, int max) {
        return text == null ? "" : text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
