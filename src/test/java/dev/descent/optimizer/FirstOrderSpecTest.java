package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.ProblemSpec;
import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Defaults, ranges and cross-field checks of the first-order specs, including their shared options. */
class FirstOrderSpecTest {
    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final JsonMapper JSON = new JsonMapper();
    private static final ProblemSpec SPHERE = new dev.descent.problem.FunctionSpec("sphere", 2);
    private static final ProblemSpec FIVE_ROWS = new LinearLeastSquaresSpec(
            new double[][] {{1, 0}, {0, 1}, {1, 1}, {1, -1}, {2, 1}}, new double[] {1, 2, 3, 4, 5}, null);

    private static OptimizerSpec read(String json) {
        return JSON.readValue(json, OptimizerSpec.class);
    }

    private static Set<String> invalidFields(String json) {
        return VALIDATOR.validate(read(json)).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    private static List<FieldViolation> check(OptimizerSpec spec, ProblemSpec problem) {
        Violations violations = new Violations();
        spec.check(violations.at("optimizer"), problem, Limits.defaults());
        return violations.list();
    }

    @Test
    void fillsTorchDefaults() {
        assertThat(read("{\"type\":\"sgd\"}")).isEqualTo(new SgdSpec(0.01, 0.0, 0.0, false, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"nesterov\"}")).isEqualTo(new NesterovSpec(0.01, 0.9, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"adadelta\"}")).isEqualTo(new AdadeltaSpec(1.0, 0.9, 1e-6, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"adamw\"}"))
                .isEqualTo(new AdamWSpec(1e-3, 0.9, 0.999, 1e-8, false, 1e-2, null, null, false, null));
        assertThat(read("{\"type\":\"adamax\"}")).isEqualTo(new AdamaxSpec(2e-3, 0.9, 0.999, 1e-8, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"nadam\"}"))
                .isEqualTo(new NadamSpec(2e-3, 0.9, 0.999, 1e-8, 4e-3, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"radam\"}")).isEqualTo(new RadamSpec(1e-3, 0.9, 0.999, 1e-8, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"rprop\"}"))
                .isEqualTo(new RpropSpec(0.01, 0.5, 1.2, 1e-6, 50.0, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"quickprop\"}")).isEqualTo(new QuickpropSpec(0.01, 1.75, 0.0, null, null, false, null));
        assertThat(read("{\"type\":\"momentum\",\"variant\":\"classical\",\"batchSize\":4}"))
                .isEqualTo(new MomentumSpec(0.01, 0.9, 0.0, false, "classical", 0.0, null, null, false, 4));
        assertThat(read("{\"type\":\"gd\",\"maximize\":true}")).isEqualTo(new GdSpec(0.01, 0.0, null, null, true, null));
    }

    @Test
    void rejectsOutOfRangeValuesOnTheirFields() {
        assertThat(invalidFields("{\"type\":\"sgd\",\"learningRate\":-1,\"momentum\":1,\"dampening\":2,\"batchSize\":0}"))
                .containsExactlyInAnyOrder("learningRate", "momentum", "dampening", "batchSize");
        assertThat(invalidFields("{\"type\":\"nesterov\",\"momentum\":0}")).containsExactly("momentum");
        assertThat(invalidFields("{\"type\":\"adadelta\",\"learningRate\":0,\"rho\":1,\"epsilon\":0}"))
                .containsExactlyInAnyOrder("learningRate", "rho", "epsilon");
        assertThat(invalidFields("{\"type\":\"adamw\",\"beta1\":1,\"beta2\":-0.5,\"weightDecay\":-1,\"clipNorm\":0,\"clipValue\":-1}"))
                .containsExactlyInAnyOrder("beta1", "beta2", "weightDecay", "clipNorm", "clipValue");
        assertThat(invalidFields("{\"type\":\"adamax\",\"beta1\":1.5,\"epsilon\":-1}")).containsExactlyInAnyOrder("beta1", "epsilon");
        assertThat(invalidFields("{\"type\":\"nadam\",\"beta2\":1,\"momentumDecay\":-1}"))
                .containsExactlyInAnyOrder("beta2", "momentumDecay");
        assertThat(invalidFields("{\"type\":\"radam\",\"learningRate\":-0.1,\"beta1\":1}")).containsExactlyInAnyOrder("learningRate", "beta1");
        assertThat(invalidFields("{\"type\":\"rprop\",\"etaMinus\":1,\"etaPlus\":1,\"minStep\":-1,\"maxStep\":0}"))
                .containsExactlyInAnyOrder("etaMinus", "etaPlus", "minStep", "maxStep");
        assertThat(invalidFields("{\"type\":\"quickprop\",\"learningRate\":0,\"maxGrowth\":-1}"))
                .containsExactlyInAnyOrder("learningRate", "maxGrowth");
        for (String type : List.of("sgd", "nesterov", "adadelta", "adamw", "adamax", "nadam", "radam", "rprop", "quickprop")) {
            assertThat(invalidFields("{\"type\":\"" + type + "\"}")).as(type).isEmpty();
        }
    }

    @Test
    void crossFieldChecksNameTheirField() {
        assertThat(check(read("{\"type\":\"rprop\",\"minStep\":2,\"maxStep\":1}"), SPHERE))
                .extracting(FieldViolation::field).containsExactly("optimizer.minStep");
        assertThat(check(read("{\"type\":\"momentum\",\"variant\":\"polyak\"}"), SPHERE))
                .extracting(FieldViolation::field).containsExactly("optimizer.variant");
        assertThat(check(read("{\"type\":\"momentum\",\"variant\":\"classical\"}"), SPHERE)).isEmpty();
    }

    @Test
    void batchSizeOnAProblemWithoutRowsMeansTheFullGradient() {
        for (String type : List.of("gd", "sgd", "momentum", "adam", "rprop", "quickprop")) {
            assertThat(check(read("{\"type\":\"" + type + "\",\"batchSize\":2}"), SPHERE)).as(type).isEmpty();
        }
        assertThat(check(read("{\"type\":\"sgd\",\"batchSize\":2}"), FIVE_ROWS)).isEmpty();
        assertThat(check(read("{\"type\":\"sgd\"}"), SPHERE)).isEmpty();
    }

    @Test
    void batchSizeAboveTheRowCountIsReported() {
        assertThat(check(read("{\"type\":\"sgd\",\"batchSize\":5}"), FIVE_ROWS)).isEmpty();
        List<FieldViolation> violations = check(read("{\"type\":\"adam\",\"batchSize\":6}"), FIVE_ROWS);
        assertThat(violations).extracting(FieldViolation::field).containsExactly("optimizer.batchSize");
        assertThat(violations.get(0).message()).contains("5 rows");
        ProblemSpec logistic = new LogisticRegressionSpec(new double[][] {{1}, {2}, {3}}, List.of(0, 1, 0), null, null, null, null);
        assertThat(check(read("{\"type\":\"sgd\",\"batchSize\":4}"), logistic))
                .extracting(FieldViolation::field).containsExactly("optimizer.batchSize");
    }
}
