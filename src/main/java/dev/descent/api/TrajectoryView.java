package dev.descent.api;

import dev.descent.job.TrajectoryPoint;
import java.util.List;

/**
 * A page of recorded points. {@code nextAfter} is the {@code after} value for the next page, null
 * at the end; {@code thinned} says the run recorded more points than the store keeps.
 */
record TrajectoryView(String jobId, int total, List<TrajectoryPoint> points, Long nextAfter, boolean thinned) {}
