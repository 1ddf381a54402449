package dev.descent.optimizer;

/**
 * One run's optimizer: a step rule with its state. {@link #step} moves {@code it.x()} and leaves
 * f and ∇f of the new point in the iterate, evaluating through it so the run loop can count
 * evaluations and stop a long line search when the job is cancelled.
 */
public interface Optimizer extends java.io.Serializable {

    /**
     * Takes step number {@code t} (1-based).
     *
     * @return null to go on, or why this optimizer cannot or need not continue
     */
    Halt step(Iterate it, long t);

    /** Result fields this optimizer adds once the run has ended (a direct solver's rank, say). */
    default java.util.Map<String, Object> describe() {
        return java.util.Map.of();
    }
}
