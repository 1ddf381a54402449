package dev.descent.plot;

import java.util.List;

/**
 * A line chart of one or more series over iterations: axes with ticks and labels, a log y axis
 * when the values are positive and span more than two decades, a title, and a legend when there
 * is more than one series. Non-finite values break a line rather than bend it.
 */
public final class LinePlot {
    static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int WIDTH = 720, HEIGHT = 420, LEFT = 70, RIGHT = 20, TOP = 40, BOTTOM = 50;

    private LinePlot() {}

    /** One line: its name and points. */
    public record Series(String name, double[] x, double[] y) {}

    public static String render(String title, String xLabel, String yLabel, List<Series> series) {
        int legendRows = series.size() > 1 ? series.size() : 0;
        int height = HEIGHT + legendRows * 16;
        int plotBottom = HEIGHT - BOTTOM;
        double[] allX = concat(series, true), allY = concat(series, false);
        boolean log = Axis.spansDecades(allY);
        Axis xAxis = Axis.over(allX, false, LEFT, WIDTH - RIGHT);
        Axis yAxis = Axis.over(allY, log, plotBottom, TOP);
        Svg svg = new Svg(WIDTH, height);
        svg.text(WIDTH / 2.0, 22, title, "middle", "font-size=\"15\" class=\"title\"");
        axes(svg, xAxis, yAxis, xLabel, yLabel + (log ? " (log scale)" : ""));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            int drawn = 0;
            for (int i = 0; i < line.x().length; i++) {
                double y = line.y()[i];
                if (!Double.isFinite(y) || (log && y <= 0)) {
                    pen = false;
                    continue;
                }
                double py = Math.max(TOP, Math.min(plotBottom, yAxis.pixel(y)));
                d.append(pen ? 'L' : 'M').append(Svg.n(xAxis.pixel(line.x()[i]))).append(' ').append(Svg.n(py)).append(' ');
                pen = true;
                drawn++;
            }
            svg.path(d.toString().trim(), colour, 1.6, "series", drawn);
            if (legendRows > 0) {
                double ly = HEIGHT - 8 + s * 16;
                svg.line(LEFT, ly - 4, LEFT + 24, ly - 4, colour, 3);
                svg.text(LEFT + 30, ly, line.name(), "start", "class=\"legend\"");
            }
        }
        return svg.toString();
    }

    /** Frame, ticks, grid lines and labels; the frame is where the two axes map to. */
    static void axes(Svg svg, Axis x, Axis y, String xLabel, String yLabel) {
        double left = x.from(), right = x.to(), bottom = y.from(), top = y.to();
        svg.group("axes");
        svg.rect(left, top, right - left, bottom - top, "none", "#444");
        for (double t : x.ticks()) {
            double px = x.pixel(t);
            svg.line(px, bottom, px, bottom + 5, "#444", 1);
            svg.text(px, bottom + 18, Axis.label(t), "middle", "class=\"tick\"");
        }
        for (double t : y.ticks()) {
            double py = y.pixel(t);
            svg.line(left - 5, py, left, py, "#444", 1);
            svg.line(left, py, right, py, "#eee", 1);
            svg.text(left - 8, py + 4, Axis.label(t), "end", "class=\"tick\"");
        }
        svg.text((left + right) / 2.0, bottom + 38, xLabel, "middle", "class=\"label\"");
        double mid = (top + bottom) / 2.0;
        svg.text(16, mid, yLabel, "middle", "class=\"label\" transform=\"rotate(-90 16 " + Svg.n(mid) + ")\"");
        svg.end();
    }

    private static double[] concat(List<Series> series, boolean x) {
        int n = 0;
        for (Series s : series) n += s.x().length;
        double[] out = new double[n];
        int o = 0;
        for (Series s : series) {
            double[] v = x ? s.x() : s.y();
            System.arraycopy(v, 0, out, o, v.length);
            o += v.length;
        }
        return out;
    }
}
