package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    private static List<Long> iterations(List<TrajectoryPoint> points) {
        return points.stream().map(TrajectoryPoint::iteration).toList();
    }

    @Test
    void pastCapacityOlderPointsAreThinnedEvenlyAndTheLastIsKept() {
        Trajectory t = new Trajectory(4, 0);
        for (long k = 0; k <= 9; k++) t.append(k, k, 0, 0, 0, null, false);
        t.append(9, 9, 0, 0, 0, null, true);
        assertThat(iterations(t.after(-1, 100))).containsExactly(0L, 4L, 8L, 9L);
        assertThat(t.thinned()).isTrue();
    }

    @Test
    void finalPointOfferedTwiceIsStoredOnce() {
        Trajectory t = new Trajectory(100, 1);
        t.append(0, 1, 1, 1, 0, new double[] {3}, false);
        t.append(0, 1, 1, 1, 0, new double[] {3}, true);
        assertThat(t.size()).isEqualTo(1);
        assertThat(t.after(-1, 10).get(0).x()).containsExactly(3);
    }

    @Test
    void spreadKeepsFirstLastAndASpikeAndPagingResumesAfterAnIteration() {
        Trajectory t = new Trajectory(1000, 0);
        for (long k = 0; k < 101; k++) t.append(k, k == 37 ? 500 : 100 - k, 0, 0, 0, null, false);
        List<Long> spread = iterations(t.spread(5));
        assertThat(spread).hasSize(5).startsWith(0L).endsWith(100L).contains(37L);
        assertThat(spread).isSorted();
        assertThat(iterations(t.after(97, 10))).containsExactly(98L, 99L, 100L);
        assertThat(t.hasAfter(100)).isFalse();
    }

    @Test
    void nonFiniteLossIsReportedAsAbsent() {
        Trajectory t = new Trajectory(10, 0);
        t.append(0, Double.POSITIVE_INFINITY, Double.NaN, 0.1, 0, null, true);
        assertThat(t.after(-1, 1).get(0).loss()).isNull();
        assertThat(t.after(-1, 1).get(0).gradientNorm()).isNull();
    }
}
