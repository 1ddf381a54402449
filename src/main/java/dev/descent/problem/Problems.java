package dev.descent.problem;

import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import org.springframework.stereotype.Component;

/**
 * The one place the service checks and builds problems from their specs. Problems whose data lives
 * outside the request (uploaded datasets) are resolved here, so jobs, plots and the problem tools
 * all see the same problem.
 */
@Component
public class Problems {
    private final Limits limits;

    public Problems(Limits limits) {
        this.limits = limits;
    }

    /** Adds every violation of the spec, with paths under {@code violations}' prefix. */
    public void check(ProblemSpec spec, Violations violations) {
        spec.check(violations, limits);
    }

    /** Builds a problem whose spec passed {@link #check}. */
    public Problem create(ProblemSpec spec) {
        return spec.create();
    }
}
