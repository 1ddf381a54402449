package dev.descent.plot;

import java.util.Locale;

/** A minimal SVG writer: elements appended in order, text escaped, numbers in a compact fixed form. */
final class Svg {
    private final StringBuilder sb = new StringBuilder(16_384);

    Svg(int width, int height) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"system-ui, sans-serif\" font-size=\"12\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append("\"/>\n");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String stroke) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(fill).append("\" stroke=\"")
                .append(stroke).append("\"/>\n");
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String cssClass) {
        sb.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy))
                .append("\" r=\"").append(n(r)).append("\" fill=\"").append(fill).append("\"/>\n");
        return this;
    }

    /** A path from its {@code d} attribute; {@code points} is recorded as {@code data-points}. */
    Svg path(String d, String stroke, double width, String cssClass, int points) {
        sb.append("<path class=\"").append(cssClass).append("\" data-points=\"").append(points).append("\" d=\"")
                .append(d).append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append("\" stroke-linejoin=\"round\"/>\n");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, String extra) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append('"').append(extra.isEmpty() ? "" : " " + extra).append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    Svg group(String cssClass) {
        sb.append("<g class=\"").append(cssClass).append("\">\n");
        return this;
    }

    Svg end() {
        sb.append("</g>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb + "</svg>\n";
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') out.append(c);
                }
            }
        }
        return out.toString();
    }
}
