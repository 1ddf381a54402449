package dev.descent.optimizer;

import dev.descent.linalg.Vectors;
import dev.descent.schedule.Schedule;
import dev.descent.stopping.StopReason;


/**
 * Random search, the derivative-free baseline: each iteration proposes {@code samples} points
 * x + r·u with u uniform on the unit sphere (a normalised vector of standard normals, Muller 1959)
 * and moves to the best of them if it lowers f. The radius r is the scheduled rate, times
 * {@code shrinkFactor} to the power of the iterations so far without improvement when a shrink
 * factor is given. Proposals cost one f evaluation each; an accepted point costs one more f and ∇f
 * evaluation, because the run reports the gradient norm. Seeded with SplitMix64, so the same
 * seed gives the same run. Halts when r has shrunk below the spacing of doubles at x.
 */
final class RandomSearch implements Optimizer {
    private final int samples;
    private final double shrinkFactor;
    private final Schedule schedule;
    private final SeededRandom random;
    private final double[] u, trial, best;
    private double shrink = 1;

    RandomSearch(int n, int samples, double shrinkFactor, Schedule schedule, long seed) {
        this.samples = samples;
        this.shrinkFactor = shrinkFactor;
        this.schedule = schedule;
        random = new SeededRandom(seed);
        u = new double[n];
        trial = new double[n];
        best = new double[n];
    }

    @Override
    public Halt step(Iterate it, long k) {
        double[] x = it.x();
        double radius = schedule.at(k - 1) * shrink;
        if (!(radius > Math.ulp(Math.max(1, Vectors.normInf(x))))) {
            return new Halt(StopReason.STEP_TOLERANCE, "the search radius " + radius + " no longer moves x");
        }
        double bestF = it.f();
        boolean improved = false;
        for (int j = 0; j < samples; j++) {
            direction();
            Vectors.addScaled(x, radius, u, trial);
            double f = it.value(trial);
            if (f < bestF) {
                bestF = f;
                improved = true;
                System.arraycopy(trial, 0, best, 0, trial.length);
            }
        }
        if (improved) {
            System.arraycopy(best, 0, x, 0, x.length);
            it.evaluate();
        } else {
            shrink *= shrinkFactor;
        }
        return null;
    }

    // u ← a uniform point on the unit sphere.
    private void direction() {
        double norm;
        do {
            for (int i = 0; i < u.length; i++) u[i] = random.nextGaussian();
            norm = Vectors.norm2(u);
        } while (norm == 0);
        Vectors.scale(1 / norm, u);
    }
}
