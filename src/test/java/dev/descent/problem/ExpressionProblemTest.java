package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.descent.spec.FieldViolation;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

class ExpressionProblemTest {
    static final JsonMapper JSON = JsonMapper.builder().build();

    static ExpressionSpec spec(String objective, String... variables) {
        return new ExpressionSpec(objective, Arrays.asList(variables));
    }

    @Test
    void rosenbrockAsAnExpressionMatchesTheBuiltInFunction() {
        Problem written = spec("(1-x)^2 + 100*(y-x^2)^2", "x", "y").create();
        Problem builtIn = new FunctionSpec("rosenbrock", 2).create();
        Random random = new Random(7);
        for (int k = 0; k < 50; k++) {
            double[] x = Derivatives.randomPoint(random, 2, 2);
            double[] g1 = new double[2], g2 = new double[2], h1 = new double[4], h2 = new double[4];
            assertThat(written.valueAndGradient(x, g1)).isCloseTo(builtIn.valueAndGradient(x, g2),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(g1).containsExactly(g2, org.assertj.core.api.Assertions.within(1e-10));
            written.hessian(x, h1);
            builtIn.hessian(x, h2);
            assertThat(h1).containsExactly(h2, org.assertj.core.api.Assertions.within(1e-10));
        }
    }

    @Test
    void gradientAndHessianMatchFiniteDifferences() {
        Problem p = spec("exp(-a*b) + log(1 + c^2) * sin(a) - max(a, c)/(2 + b^2) + sqrt(1 + a^2*c^2)", "a", "b", "c").create();
        Random random = new Random(11);
        for (int k = 0; k < 30; k++) {
            double[] x = Derivatives.randomPoint(random, 3, 1.5);
            Derivatives.assertGradientMatches(p, x);
            Derivatives.assertHessianMatches(p, x);
        }
    }

    @Test
    void readsFromJsonChecksAndBuilds() throws Exception {
        ProblemSpec spec = JSON.readValue("{\"type\":\"expression\",\"objective\":\"x^2 + 2*y^2\",\"variables\":[\"x\",\"y\"]}",
                ProblemSpec.class);
        assertThat(spec).isInstanceOf(ExpressionSpec.class);
        assertThat(CheckResults.violations(spec)).isEmpty();
        assertThat(spec.dimension()).isEqualTo(2);
        Problem p = spec.create();
        assertThat(p.hasHessian()).isTrue();
        assertThat(p.value(new double[] {1, 1})).isEqualTo(3);
        assertThat(JSON.readTree(JSON.writeValueAsString(spec)).get("type").asString()).isEqualTo("expression");
    }

    @Test
    void badObjectivesAreViolationsOnTheObjectiveWithTheirColumn() {
        assertThat(CheckResults.violations(spec("x + 2*sni(y)", "x", "y")))
                .containsExactly(new FieldViolation("objective", "unknown function 'sni' at column 7"));
        assertThat(CheckResults.violations(spec("x*z", "x", "y")))
                .containsExactly(new FieldViolation("objective", "unknown name 'z' at column 3"));
        assertThat(CheckResults.violations(spec(null, "x")))
                .containsExactly(new FieldViolation("objective", "is required"));
        assertThat(CheckResults.violations(spec("(".repeat(100) + "x" + ")".repeat(100), "x")))
                .extracting(FieldViolation::field, FieldViolation::message)
                .containsExactly(tuple("objective", "nesting deeper than 64 levels at column 65"));
    }

    @Test
    void theNestingAndNodeCapsComeFromTheServiceLimits() {
        var shallow = new dev.descent.spec.Limits(DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), 1000, 1000L, 1000,
                4000, 3, 100_000);
        assertThat(CheckResults.violations(spec("((((x))))", "x"), shallow)).extracting(FieldViolation::field)
                .containsExactly("objective");
        var few = new dev.descent.spec.Limits(DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), 1000, 1000L, 1000,
                4000, 64, 5);
        assertThat(CheckResults.violations(spec("x + x*x + x*x*x + x*x*x*x", "x"), few)).extracting(FieldViolation::field)
                .containsExactly("objective");
    }

    @Test
    void theLengthCapComesFromTheServiceLimits() {
        var limits = new dev.descent.spec.Limits(DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), 1000, 1000L, 10, 4000, 64, 100_000);
        assertThat(CheckResults.violations(spec("x + x + x + x", "x"), limits))
                .containsExactly(new FieldViolation("objective", "is 13 characters long; the limit is 10"));
    }

    @Test
    void variablesMustBeDistinctIdentifiersThatAreNotReserved() {
        assertThat(CheckResults.violations(spec("x", "x", "1y", "sin", "x", "pi", "a b")))
                .extracting(FieldViolation::field)
                .containsExactly("variables[1]", "variables[2]", "variables[3]", "variables[4]", "variables[5]");
        assertThat(CheckResults.violations(new ExpressionSpec("x", null)))
                .extracting(FieldViolation::field).containsExactly("variables");
        assertThat(CheckResults.violations(new ExpressionSpec("1", List.of())))
                .extracting(FieldViolation::field).containsExactly("variables");
        assertThat(CheckResults.violations(spec("x", "x", null)))
                .containsExactly(new FieldViolation("variables[1]", "must be a string"));
        assertThat(CheckResults.violations(spec("x + y", "x", "y", "z"), CheckResults.maxDimension(2)))
                .extracting(FieldViolation::field).containsExactly("variables");
    }

    @Test
    void aVariableTheObjectiveDoesNotUseHasZeroDerivatives() {
        Problem p = spec("x^2", "x", "unused").create();
        double[] g = new double[2], h = new double[4];
        assertThat(p.valueAndGradient(new double[] {3, 5}, g)).isEqualTo(9);
        assertThat(g).containsExactly(6, 0);
        p.hessian(new double[] {3, 5}, h);
        assertThat(h).containsExactly(2, 0, 0, 0);
    }
}
