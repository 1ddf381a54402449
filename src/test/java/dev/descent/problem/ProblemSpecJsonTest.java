package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.spec.Capability;
import dev.descent.spec.Describe;
import dev.descent.spec.Provides;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProblemSpecJsonTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"quadratic\",\"diagonal\":[1,2]}",
            "{\"type\":\"linear-least-squares\",\"a\":[[1,0],[0,1],[1,1]],\"b\":[1,2,3]}",
            "{\"type\":\"logistic-regression\",\"features\":[[1],[2]],\"labels\":[\"a\",\"b\"]}",
            "{\"type\":\"function\",\"name\":\"rosenbrock\",\"dimension\":3}"})
    void everyTypeReadsChecksAndBuilds(String json) throws Exception {
        ProblemSpec spec = JSON.readValue(json, ProblemSpec.class);
        assertThat(CheckResults.violations(spec)).isEmpty();
        Problem p = spec.create();
        assertThat(p.dimension()).isEqualTo(spec.dimension());
        assertThat(p.hasHessian()).isEqualTo(spec.hasHessian()).isTrue();
        assertThat(p.defaultStart()).hasSize(p.dimension());
    }

    @Test
    void functionDimensionKeepsItsApiNameBothWays() throws Exception {
        var spec = JSON.readValue("{\"type\":\"function\",\"name\":\"sphere\",\"dimension\":5}", ProblemSpec.class);
        assertThat(spec.dimension()).isEqualTo(5);
        JsonNode written = JSON.readTree(JSON.writeValueAsString(spec));
        assertThat(written.get("type").asString()).isEqualTo("function");
        assertThat(written.get("dimension").asInt()).isEqualTo(5);
        assertThat(written.has("size")).isFalse();
    }

    @Test
    void writtenSpecsShowTheirDefaults() throws Exception {
        JsonNode written = JSON.readTree(JSON.writeValueAsString(
                JSON.readValue("{\"type\":\"logistic-regression\",\"features\":[[1],[2]],\"labels\":[0,1]}", ProblemSpec.class)));
        assertThat(written.get("type").asString()).isEqualTo("logistic-regression");
        assertThat(written.get("l2").asDouble()).isEqualTo(0.0);
        assertThat(written.get("fitIntercept").asBoolean()).isTrue();
    }

    @Test
    void unknownTypeIsRejected() {
        assertThatThrownBy(() -> JSON.readValue("{\"type\":\"cubic\"}", ProblemSpec.class)).isInstanceOf(Exception.class);
    }

    @Test
    void negativePenaltiesAreBeanValidationViolations() {
        var logistic = new LogisticRegressionSpec(new double[][] {{1}, {2}}, List.of(0, 1), -1.0, -0.5, null, null);
        assertThat(paths(VALIDATOR.validate(logistic))).containsExactlyInAnyOrder("l2", "l1");
        var lls = new LinearLeastSquaresSpec(new double[][] {{1}}, new double[] {1}, -2.0);
        assertThat(paths(VALIDATOR.validate(lls))).containsExactly("ridge");
    }

    @Test
    void everySpecIsDescribedAndDeclaresItsCapabilities() {
        for (Class<?> type : ProblemSpec.class.getPermittedSubclasses()) {
            assertThat(type.getAnnotation(Describe.class).reference()).as(type.getSimpleName()).isNotBlank();
            for (var component : type.getRecordComponents()) {
                assertThat(component.getAnnotation(Describe.class)).as(type.getSimpleName() + "." + component.getName()).isNotNull();
            }
            assertThat(type.getAnnotation(Provides.class).value()).contains(Capability.GRADIENT, Capability.HESSIAN);
        }
        assertThat(LinearLeastSquaresSpec.class.getAnnotation(Provides.class).value())
                .contains(Capability.QUADRATIC, Capability.LEAST_SQUARES);
        assertThat(QuadraticSpec.class.getAnnotation(Provides.class).value()).contains(Capability.QUADRATIC);
    }

    private static Set<String> paths(Set<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}
