package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.problem.FunctionSpec;
import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.problem.QuadraticSpec;
import dev.descent.spec.Capability;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.SpecTypes;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Defaults, JSON names and validation of the line-search, curvature and derivative-free specs. */
class SolverSpecTest {
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final JsonMapper JSON = new JsonMapper();
    private static final ProblemSpec ROSENBROCK = new FunctionSpec("rosenbrock", 2);
    private static final ProblemSpec QUADRATIC = new QuadraticSpec(null, new double[] {1, 2}, null, null);
    private static final ProblemSpec LEAST_SQUARES = new LinearLeastSquaresSpec(new double[][] {{1, 0}, {0, 1}}, new double[] {1, 1}, null);

    private static Set<String> invalidFields(Object spec) {
        return VALIDATOR.validate(spec).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    private static List<String> checkedFields(OptimizerSpec spec, ProblemSpec problem) {
        Violations v = new Violations();
        spec.check(v.at("optimizer"), problem, Limits.defaults());
        return v.list().stream().map(FieldViolation::field).toList();
    }

    @Test
    void fillsPublishedDefaults() {
        assertThat(new GradientDescentLineSearchSpec(null, null, null, null, null))
                .isEqualTo(new GradientDescentLineSearchSpec(1.0, "armijo", 1e-4, 0.9, 0.5));
        assertThat(new ConjugateGradientSpec(null, null, null, null))
                .isEqualTo(new ConjugateGradientSpec(1.0, "polak-ribiere", null, "strong-wolfe"));
        assertThat(new BfgsSpec(null)).isEqualTo(new BfgsSpec(1.0));
        assertThat(new RandomSearchSpec(null, null, null)).isEqualTo(new RandomSearchSpec(0.1, 1, 1.0));
        assertThat(new NelderMeadSpec(null, null, null, null)).isEqualTo(new NelderMeadSpec(1.0, 0.05, 0.00025, false));
    }

    @Test
    void readsEachTypeByItsApiName() {
        assertThat(JSON.readValue("{\"type\":\"gradient-descent-line-search\",\"lineSearch\":\"wolfe\"}", OptimizerSpec.class))
                .isEqualTo(new GradientDescentLineSearchSpec(null, "wolfe", null, null, null));
        assertThat(JSON.readValue("{\"type\":\"conjugate-gradient\",\"variant\":\"fletcher-reeves\"}", OptimizerSpec.class))
                .isEqualTo(new ConjugateGradientSpec(null, "fletcher-reeves", null, null));
        assertThat(JSON.readValue("{\"type\":\"bfgs\"}", OptimizerSpec.class)).isEqualTo(new BfgsSpec(null));
        assertThat(JSON.readValue("{\"type\":\"random-search\",\"samples\":5}", OptimizerSpec.class))
                .isEqualTo(new RandomSearchSpec(null, 5, null));
        assertThat(JSON.readValue("{\"type\":\"nelder-mead\",\"adaptive\":true}", OptimizerSpec.class))
                .isEqualTo(new NelderMeadSpec(null, null, null, true));
    }

    @Test
    void outOfRangeWolfeConstantsAreReportedOnTheirFields() {
        assertThat(invalidFields(new GradientDescentLineSearchSpec(0.0, null, 0.0, 1.0, 1.5)))
                .containsExactlyInAnyOrder("learningRate", "c1", "c2", "backtrackingFactor");
        assertThat(invalidFields(new GradientDescentLineSearchSpec(null, null, 1.0, -0.1, 0.0)))
                .containsExactlyInAnyOrder("c1", "c2", "backtrackingFactor");
        assertThat(invalidFields(new GradientDescentLineSearchSpec(null, null, null, null, null))).isEmpty();
    }

    @Test
    void c2NotAboveC1IsReportedOnC2() {
        assertThat(checkedFields(new GradientDescentLineSearchSpec(null, "wolfe", 0.5, 0.5, null), ROSENBROCK))
                .containsExactly("optimizer.c2");
        assertThat(checkedFields(new GradientDescentLineSearchSpec(null, "wolfe", 0.6, 0.1, null), ROSENBROCK))
                .containsExactly("optimizer.c2");
        assertThat(checkedFields(new GradientDescentLineSearchSpec(null, "wolfe", 0.1, 0.6, null), ROSENBROCK)).isEmpty();
    }

    @Test
    void unknownLineSearchOrVariantIsReportedOnItsField() {
        assertThat(checkedFields(new GradientDescentLineSearchSpec(null, "goldstein", null, null, null), ROSENBROCK))
                .containsExactly("optimizer.lineSearch");
        assertThat(checkedFields(new ConjugateGradientSpec(null, "dai-yuan", null, null), ROSENBROCK))
                .containsExactly("optimizer.variant");
        assertThat(checkedFields(new ConjugateGradientSpec(null, null, null, "armijo"), ROSENBROCK))
                .containsExactly("optimizer.lineSearch");
        assertThat(invalidFields(new ConjugateGradientSpec(null, null, 0, null))).containsExactly("restartEvery");
        assertThat(invalidFields(new RandomSearchSpec(-1.0, 0, 0.0)))
                .containsExactlyInAnyOrder("learningRate", "samples", "shrinkFactor");
        assertThat(invalidFields(new NelderMeadSpec(null, 0.0, -1.0, null)))
                .containsExactlyInAnyOrder("initialStep", "initialStepAbsolute");
    }

    @Test
    void exactLineSearchIsAcceptedOnQuadraticsOnly() {
        for (OptimizerSpec exact : List.of(new GradientDescentLineSearchSpec(null, "exact", null, null, null),
                new ConjugateGradientSpec(null, null, null, "exact"))) {
            assertThat(checkedFields(exact, QUADRATIC)).isEmpty();
            assertThat(checkedFields(exact, LEAST_SQUARES)).isEmpty();
            List<String> fields = checkedFields(exact, ROSENBROCK);
            assertThat(fields).containsExactly("optimizer.lineSearch");
        }
    }

    @Test
    void derivativeFreeMethodsNeedNoCapabilityAndRunOnEveryProblemType() {
        for (Class<?> type : List.of(RandomSearchSpec.class, NelderMeadSpec.class)) {
            assertThat(type.getAnnotation(Requires.class).value()).isEmpty();
            assertThat(SpecTypes.compatible(type, FunctionSpec.class)).isTrue();
            assertThat(SpecTypes.compatible(type, QuadraticSpec.class)).isTrue();
        }
        for (Class<?> type : List.of(GradientDescentLineSearchSpec.class, ConjugateGradientSpec.class, BfgsSpec.class)) {
            assertThat(type.getAnnotation(Requires.class).value()).containsExactly(Capability.GRADIENT);
        }
    }

    @Test
    void nelderMeadRefusesDimensionsBeyondTheDenseLimit() {
        int limit = Limits.defaults().maxDenseHessianDimension();
        assertThat(checkedFields(new NelderMeadSpec(null, null, null, null), new FunctionSpec("sphere", limit + 1)))
                .containsExactly("optimizer.type");
    }

    @Test
    void defaultForEveryProblemTypeIsLbfgs() {
        for (ProblemSpec p : List.of(ROSENBROCK, QUADRATIC, LEAST_SQUARES)) {
            assertThat(OptimizerSpec.defaultFor(p)).isEqualTo(new LbfgsSpec(null, null, null, null));
        }
    }
}
