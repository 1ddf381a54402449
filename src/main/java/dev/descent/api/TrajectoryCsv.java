package dev.descent.api;

import dev.descent.job.TrajectoryPoint;
import java.util.List;

/** Trajectory rows as CSV with a header; empty cells for non-finite values; x as x1…xn columns. */
final class TrajectoryCsv {
    private TrajectoryCsv() {}

    static String write(List<TrajectoryPoint> points) {
        int width = points.isEmpty() || points.get(0).x() == null ? 0 : points.get(0).x().length;
        StringBuilder sb = new StringBuilder(64 + points.size() * (48 + 20 * width));
        sb.append("iteration,loss,gradientNorm,learningRate,elapsedMillis");
        for (int i = 1; i <= width; i++) sb.append(",x").append(i);
        sb.append('\n');
        for (TrajectoryPoint p : points) {
            sb.append(p.iteration()).append(',');
            cell(sb, p.loss()).append(',');
            cell(sb, p.gradientNorm()).append(',');
            cell(sb, p.learningRate()).append(',');
            sb.append(p.elapsedMillis());
            if (p.x() != null) for (double v : p.x()) sb.append(',').append(v);
            sb.append('\n');
        }
        return sb.toString();
    }

    private static StringBuilder cell(StringBuilder sb, Double v) {
        return v == null ? sb : sb.append(v.doubleValue());
    }
}
