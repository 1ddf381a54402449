package dev.descent.plot;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Level sets of a two-variable objective with an optimizer's path: the objective is sampled on a
 * grid, contour lines are traced by marching squares at levels spaced evenly in log(f − f_min), so
 * both the steep walls and the valley floor show, and the path is drawn on top with its start and
 * end marked.
 */
public final class ContourPlot {
    private static final int SIZE = 560, MARGIN = 60, GRID = 120, LEVELS = 14;

    private ContourPlot() {}

    /**
     * @param f the objective at a point (x, y)
     * @param path the iterates, each {x, y}; may be empty
     */
    public static String render(String title, ToDoubleFunction<double[]> f, double[][] path, double[] extra) {
        double[] box = bounds(path, extra);
        Axis xAxis = new Axis(box[0], box[1], false, MARGIN, SIZE - 20);
        Axis yAxis = new Axis(box[2], box[3], false, SIZE - MARGIN + 20, 40);
        double[] grid = new double[(GRID + 1) * (GRID + 1)];
        double[] point = new double[2];
        for (int j = 0; j <= GRID; j++) {
            for (int i = 0; i <= GRID; i++) {
                point[0] = box[0] + (box[1] - box[0]) * i / GRID;
                point[1] = box[2] + (box[3] - box[2]) * j / GRID;
                grid[j * (GRID + 1) + i] = f.applyAsDouble(point);
            }
        }
        Svg svg = new Svg(SIZE, SIZE + 20);
        svg.text(SIZE / 2.0, 22, title, "middle", "font-size=\"15\" class=\"title\"");
        LinePlot.axes(svg, xAxis, yAxis, "x₁", "x₂");
        double[] levels = levels(grid);
        svg.group("contours");
        for (int l = 0; l < levels.length; l++) {
            String d = march(grid, levels[l], xAxis, yAxis, box);
            if (!d.isEmpty()) svg.path(d, shade(l, levels.length), 1, "contour", 0);
        }
        svg.end();
        if (path.length > 0) {
            StringBuilder d = new StringBuilder();
            for (int k = 0; k < path.length; k++) {
                d.append(k == 0 ? 'M' : 'L').append(Svg.n(xAxis.pixel(path[k][0]))).append(' ')
                        .append(Svg.n(yAxis.pixel(path[k][1]))).append(' ');
            }
            svg.path(d.toString().trim(), "#d62728", 1.8, "path", path.length);
            svg.circle(xAxis.pixel(path[0][0]), yAxis.pixel(path[0][1]), 4, "#2ca02c", "start");
            double[] last = path[path.length - 1];
            svg.circle(xAxis.pixel(last[0]), yAxis.pixel(last[1]), 4, "#d62728", "end");
        }
        return svg.toString();
    }

    /** The region to draw: the path and extra points with a margin, at least one unit wide. */
    static double[] bounds(double[][] path, double[] extra) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY, y0 = x0, y1 = x1;
        for (double[] p : path) {
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) continue;
            x0 = Math.min(x0, p[0]);
            x1 = Math.max(x1, p[0]);
            y0 = Math.min(y0, p[1]);
            y1 = Math.max(y1, p[1]);
        }
        for (int i = 0; extra != null && i + 1 < extra.length; i += 2) {
            x0 = Math.min(x0, extra[i]);
            x1 = Math.max(x1, extra[i]);
            y0 = Math.min(y0, extra[i + 1]);
            y1 = Math.max(y1, extra[i + 1]);
        }
        if (!Double.isFinite(x0)) return new double[] {-2, 2, -2, 2};
        double span = Math.max(1, Math.max(x1 - x0, y1 - y0)) * 1.3;
        double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        return new double[] {cx - span / 2, cx + span / 2, cy - span / 2, cy + span / 2};
    }

    static double[] levels(double[] grid) {
        double[] finite = Arrays.stream(grid).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) return new double[0];
        double min = finite[0], max = finite[finite.length - 1];
        if (max - min <= 0) return new double[0];
        double[] out = new double[LEVELS];
        double lo = Math.log1p(0), hi = Math.log1p(max - min);
        for (int l = 0; l < LEVELS; l++) {
            double t = (l + 0.5) / LEVELS;
            out[l] = min + Math.expm1(lo + t * t * (hi - lo) + 1e-12);
        }
        return out;
    }

    /** Marching squares on one level: a path of separate segments in pixel coordinates. */
    static String march(double[] grid, double level, Axis x, Axis y, double[] box) {
        StringBuilder d = new StringBuilder();
        int w = GRID + 1;
        double dx = (box[1] - box[0]) / GRID, dy = (box[3] - box[2]) / GRID;
        double[] ex = new double[4], ey = new double[4];
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                double a = grid[j * w + i], b = grid[j * w + i + 1], c = grid[(j + 1) * w + i + 1], e = grid[(j + 1) * w + i];
                if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c) && Double.isFinite(e))) continue;
                int crossings = 0;
                double px = box[0] + i * dx, py = box[2] + j * dy;
                // Edges: bottom a→b, right b→c, top e→c, left a→e.
                if ((a < level) != (b < level)) { ex[crossings] = px + dx * (level - a) / (b - a); ey[crossings++] = py; }
                if ((b < level) != (c < level)) { ex[crossings] = px + dx; ey[crossings++] = py + dy * (level - b) / (c - b); }
                if ((e < level) != (c < level)) { ex[crossings] = px + dx * (level - e) / (c - e); ey[crossings++] = py + dy; }
                if ((a < level) != (e < level)) { ex[crossings] = px; ey[crossings++] = py + dy * (level - a) / (e - a); }
                for (int k = 0; k + 1 < crossings; k += 2) {
                    d.append('M').append(Svg.n(x.pixel(ex[k]))).append(' ').append(Svg.n(y.pixel(ey[k])))
                            .append('L').append(Svg.n(x.pixel(ex[k + 1]))).append(' ').append(Svg.n(y.pixel(ey[k + 1])));
                }
            }
        }
        return d.toString();
    }

    private static String shade(int l, int count) {
        int v = 60 + (int) (150.0 * l / Math.max(1, count - 1));
        return String.format("#%02x%02x%02x", 40, v / 2 + 40, Math.min(255, v + 40));
    }
}
