package dev.descent.job;

import dev.descent.spec.InvalidRequestException;

/** A job whose estimated memory is above {@code descent.jobs.max-memory} (400, with the estimate and the budget). */
public class JobTooLargeException extends InvalidRequestException {
    private final transient MemoryEstimate estimate;
    private final long budget;

    public JobTooLargeException(MemoryEstimate estimate, long budget) {
        super(estimate.field(), "the job would need about " + estimate.total() + " bytes of memory " + estimate.parts()
                + ", more than the budget of " + budget + " bytes per job (descent.jobs.max-memory)");
        this.estimate = estimate;
        this.budget = budget;
    }

    public MemoryEstimate estimate() {
        return estimate;
    }

    public long budget() {
        return budget;
    }
}
