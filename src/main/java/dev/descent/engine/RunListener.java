package dev.descent.engine;

/**
 * Receives a run's trajectory and progress. Called on the optimizer's thread: implementations copy
 * what they keep (the arrays are the loop's own and change on the next step) and return quickly.
 */
public interface RunListener {

    /**
     * A recorded point: the state after {@code iteration} steps.
     *
     * @param x the point, or null when the recording does not include points
     * @param last true for the run's final point, which is offered once more at the end even if
     *     it was recorded already (a thinning recorder must keep it)
     */
    void point(long iteration, double loss, double gradientNorm, double learningRate, double elapsedMillis,
               double[] x, boolean last);

    /** Latest state, at most every {@link Run#PROGRESS_INTERVAL_NANOS} and once at the end. */
    void progress(Progress progress);

    /** The whole state after a step, to continue from later (see {@link Run#checkpointEvery}). */
    default void checkpoint(Checkpoint checkpoint) {}

    /** No-op listener. */
    RunListener NONE = new RunListener() {
        public void point(long i, double f, double g, double lr, double ms, double[] x, boolean last) {}
        public void progress(Progress p) {}
    };
}
