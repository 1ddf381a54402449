package dev.descent.api;

import dev.descent.problem.ProblemSpec;
import dev.descent.spec.Describe;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A problem and a point in its domain, for the problem tools. */
@Describe("A problem and a point at which to examine it")
record ProblemPointRequest(
        @Describe("Any problem a job accepts") @Valid @NotNull ProblemSpec problem,
        @Describe("The point; one number per variable") @NotNull double[] point) {}
