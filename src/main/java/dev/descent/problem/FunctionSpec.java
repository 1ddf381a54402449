package dev.descent.problem;

import static java.util.Objects.requireNonNullElse;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Limits;
import dev.descent.spec.Provides;
import dev.descent.spec.Violations;

/** A named test function; see {@link TestFunction} for the catalogue. */
@Describe(value = "A named test function: rosenbrock, saddle (x² − y²), two-minima, himmelblau, beale, sphere",
          reference = "Jamil & Yang, A literature survey of benchmark functions for global optimization problems, 2013")
@Provides({Capability.GRADIENT, Capability.HESSIAN})
public record FunctionSpec(
        @Describe("Function name: rosenbrock, saddle, two-minima, himmelblau, beale or sphere") String name,
        @Describe("Number of variables (default 2; rosenbrock ≥ 2, sphere ≥ 1, the others exactly 2)")
        @JsonProperty("dimension") Integer size)
        implements ProblemSpec {

    // The component is "size" in Java only because ProblemSpec.dimension() returns int; in JSON it is "dimension".
    public FunctionSpec {
        size = requireNonNullElse(size, TestFunction.DEFAULT_DIMENSION);
    }

    @Override
    public int dimension() {
        return size;
    }

    @Override
    public void check(Violations v, Limits limits) {
        if (name == null) {
            v.add("name", "is required; one of " + TestFunction.names());
            return;
        }
        TestFunction function = TestFunction.named(name);
        if (function == null) {
            v.add("name", "unknown function '" + name + "'; expected one of " + TestFunction.names());
            return;
        }
        String problem = function.dimensionProblem(size);
        if (problem != null) v.add("dimension", problem);
        else Rows.checkDimension(v, "dimension", size, limits.maxDimension());
    }

    @Override
    public Problem create() {
        return new TestFunctionProblem(TestFunction.named(name), size);
    }
}
