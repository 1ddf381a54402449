package dev.descent.optimizer;

import dev.descent.schedule.Schedule;

/**
 * Multiplies the step by the scheduled rate. Step t uses {@code schedule.at(t − 1)}: the rate in
 * effect after t − 1 steps, as torch's optimizer reads {@code lr} after t − 1 scheduler steps.
 */
record ScaleByLearningRate(Schedule schedule) implements UpdateRule<Void> {

    @Override
    public Void init(int n) {
        return null;
    }

    @Override
    public void update(double[] g, Void state, double[] x, long t) {
        double lr = schedule.at(t - 1);
        for (int i = 0; i < g.length; i++) g[i] *= lr;
    }
}
