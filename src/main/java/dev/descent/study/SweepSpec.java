package dev.descent.study;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A sweep: the base run repeated with one parameter set to each value in turn. */
@Describe("One parameter of the base run, set to each value in turn")
public record SweepSpec(
        @Describe("Path of the parameter in a run, e.g. optimizer.learningRate or schedule.gamma") @NotBlank String parameter,
        @Describe("The values, one run each (numbers, strings or booleans)") @NotEmpty @Size(max = 100) List<Object> values) {}
