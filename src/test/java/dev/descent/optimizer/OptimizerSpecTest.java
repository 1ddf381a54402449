package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Requires;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OptimizerSpecTest {
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final JsonMapper JSON = new JsonMapper();

    private static Set<String> invalidFields(Object spec) {
        return VALIDATOR.validate(spec).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    private static List<FieldViolation> check(OptimizerSpec spec, int dimension) {
        Violations violations = new Violations();
        spec.check(violations.at("optimizer"), problemOfDimension(dimension), Limits.defaults());
        return violations.list();
    }

    @Test
    void fillsTorchDefaults() {
        assertThat(new GdSpec(null, null, null, null, null, null)).isEqualTo(new GdSpec(0.01, 0.0, null, null, false, null));
        assertThat(new MomentumSpec(null, null, null, null, null, null, null, null, null, null))
                .isEqualTo(new MomentumSpec(0.01, 0.9, 0.0, false, "torch", 0.0, null, null, false, null));
        assertThat(new AdagradSpec(null, null, null, null, null, null, null, null, null))
                .isEqualTo(new AdagradSpec(0.01, 0.0, 0.0, 1e-10, 0.0, null, null, false, null));
        assertThat(new RmspropSpec(null, null, null, null, null, null, null, null, null, null))
                .isEqualTo(new RmspropSpec(0.01, 0.99, 1e-8, false, 0.0, 0.0, null, null, false, null));
        assertThat(new AdamSpec(null, null, null, null, null, null, null, null, null, null, null))
                .isEqualTo(new AdamSpec(1e-3, 0.9, 0.999, 1e-8, false, true, 0.0, null, null, false, null));
        assertThat(new LbfgsSpec(null, null, null, null)).isEqualTo(new LbfgsSpec(1.0, 10, "strong-wolfe", 0.0));
        assertThat(new NewtonSpec(null, null)).isEqualTo(new NewtonSpec(1.0, 0.0));
    }

    @Test
    void defaultIsLbfgsWithStrongWolfe() {
        assertThat(OptimizerSpec.defaultFor(problemOfDimension(2))).isEqualTo(new LbfgsSpec(1.0, 10, "strong-wolfe", 0.0));
    }

    @Test
    void readsTypeAndFillsDefaultsFromJson() {
        OptimizerSpec spec = JSON.readValue("{\"type\":\"adam\",\"learningRate\":0.01,\"amsgrad\":true}", OptimizerSpec.class);
        assertThat(spec).isEqualTo(new AdamSpec(0.01, 0.9, 0.999, 1e-8, true, true, 0.0, null, null, false, null));
        assertThat(JSON.readValue("{\"type\":\"newton\"}", OptimizerSpec.class)).isEqualTo(new NewtonSpec(1.0, 0.0));
    }

    @Test
    void everySpecTypeIsRegisteredDescribedAndDeclaresItsNeeds() {
        Set<Class<?>> registered = Arrays.stream(OptimizerSpec.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
        for (Class<?> permitted : OptimizerSpec.class.getPermittedSubclasses()) {
            if (permitted != FirstOrderSpec.class) assertThat(registered).as("registered").contains(permitted);
        }
        for (Class<?> type : registered) {
            assertThat(OptimizerSpec.class.isAssignableFrom(type)).as("%s is an optimizer spec", type).isTrue();
            Describe describe = type.getAnnotation(Describe.class);
            assertThat(describe).as("@Describe on %s", type.getSimpleName()).isNotNull();
            assertThat(describe.reference()).as("reference of %s", type.getSimpleName()).isNotBlank();
            boolean derivativeFree = type == RandomSearchSpec.class || type == NelderMeadSpec.class;
            if (!derivativeFree) assertThat(type.getAnnotation(Requires.class).value()).contains(Capability.GRADIENT);
            for (RecordComponent c : type.getRecordComponents()) {
                assertThat(c.getAnnotation(Describe.class)).as("@Describe on %s.%s", type.getSimpleName(), c.getName()).isNotNull();
            }
        }
        assertThat(NewtonSpec.class.getAnnotation(Requires.class).value()).contains(Capability.HESSIAN);
    }

    @Test
    void rejectsOutOfRangeValuesOnTheirFields() {
        assertThat(invalidFields(new AdamSpec(-1.0, 1.0, -0.1, 0.0, null, null, -1.0, 0.0, -2.0, null, 0)))
                .containsExactlyInAnyOrder("learningRate", "beta1", "beta2", "epsilon", "weightDecay", "clipNorm", "clipValue",
                        "batchSize");
        assertThat(invalidFields(new MomentumSpec(0.0, 1.0, 1.5, null, null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("learningRate", "momentum", "dampening");
        assertThat(invalidFields(new RmspropSpec(null, 1.0, 0.0, null, -0.5, null, null, null, null, null)))
                .containsExactlyInAnyOrder("rho", "epsilon", "momentum");
        assertThat(invalidFields(new AdagradSpec(null, -1.0, -1.0, null, null, null, null, null, null)))
                .containsExactlyInAnyOrder("lrDecay", "initialAccumulatorValue");
        assertThat(invalidFields(new LbfgsSpec(0.0, 0, null, null))).containsExactlyInAnyOrder("learningRate", "history");
        assertThat(invalidFields(new NewtonSpec(null, -1.0))).containsExactly("damping");
        assertThat(invalidFields(new AdamSpec(null, null, null, null, null, null, null, null, null, null, null))).isEmpty();
    }

    @Test
    void nesterovWithoutMomentumOrWithDampeningIsReportedOnNesterov() {
        assertThat(check(new MomentumSpec(null, 0.0, null, true, null, null, null, null, null, null), 2))
                .extracting(FieldViolation::field).containsExactly("optimizer.nesterov");
        assertThat(check(new MomentumSpec(null, 0.9, 0.1, true, null, null, null, null, null, null), 2))
                .extracting(FieldViolation::field).containsExactly("optimizer.nesterov");
        assertThat(check(new MomentumSpec(null, 0.9, 0.0, true, null, null, null, null, null, null), 2)).isEmpty();
        assertThat(check(new SgdSpec(null, 0.0, null, true, null, null, null, null, null), 2))
                .extracting(FieldViolation::field).containsExactly("optimizer.nesterov");
    }

    @Test
    void unknownLineSearchIsReportedOnLineSearch() {
        assertThat(check(new LbfgsSpec(null, null, "armijo", null), 2))
                .extracting(FieldViolation::field).containsExactly("optimizer.lineSearch");
        assertThat(check(new LbfgsSpec(null, null, "none", null), 2)).isEmpty();
    }

    @Test
    void newtonRefusesDimensionsBeyondTheDenseHessianLimit() {
        int limit = Limits.defaults().maxDenseHessianDimension();
        assertThat(check(new NewtonSpec(null, null), limit)).isEmpty();
        List<FieldViolation> violations = check(new NewtonSpec(null, null), limit + 1);
        assertThat(violations).extracting(FieldViolation::field).containsExactly("optimizer.type");
        assertThat(violations.get(0).message()).contains("dense Hessian").contains(String.valueOf(limit + 1));
    }

    @Test
    void lbfgsSpecBuildsTheRequestedLineSearch() {
        Problem quadratic = TestProblems.quadratic(new double[][] {{1}}, new double[] {1});
        assertThat(new LbfgsSpec(null, null, null, null).create(quadratic, k -> 1.0, 0)).isInstanceOf(Lbfgs.class);
    }

    private static ProblemSpec problemOfDimension(int n) {
        return new dev.descent.problem.FunctionSpec("sphere", n);
    }
}
