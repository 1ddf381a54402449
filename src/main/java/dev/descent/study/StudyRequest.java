package dev.descent.study;

import dev.descent.problem.ProblemSpec;
import dev.descent.spec.Describe;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A study as submitted: a problem and either a list of runs or a base run and a sweep. */
@Describe("Compare optimizer configurations on one problem")
public record StudyRequest(
        @Describe("A label for people") @Size(max = 200) String name,
        @Describe("The problem every run solves") @NotNull @Valid ProblemSpec problem,
        @Describe("The runs, when listing them") @Size(max = 100) List<@Valid @NotNull RunSpec> runs,
        @Describe("The run a sweep varies") @Valid RunSpec base,
        @Describe("The parameter to sweep and its values") @Valid SweepSpec sweep,
        @Describe("Seed for runs that give none") Long seed) {}
