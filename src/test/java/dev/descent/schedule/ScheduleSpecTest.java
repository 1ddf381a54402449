package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.spec.FieldViolation;
import dev.descent.spec.Violations;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ScheduleSpecTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    static ScheduleSpec read(String json) {
        return JSON.readValue(json, ScheduleSpec.class);
    }

    static List<String> checkedFields(ScheduleSpec spec) {
        Violations violations = new Violations().at("schedule");
        spec.check(violations);
        return violations.list().stream().map(FieldViolation::field).toList();
    }

    static Set<String> invalidFields(ScheduleSpec spec) {
        return VALIDATOR.validate(spec).stream()
                .map(ConstraintViolation::getPropertyPath).map(Object::toString).collect(Collectors.toSet());
    }

    @Test
    void typeNamesSelectTheRecordsWithDefaultsFilledIn() {
        assertThat(read("{\"type\":\"constant\"}")).isEqualTo(new ConstantSchedule(0));
        assertThat(read("{\"type\":\"step\",\"stepSize\":10}")).isEqualTo(new StepSchedule(10, 0.1, 0));
        assertThat(read("{\"type\":\"exponential\",\"gamma\":0.9,\"warmupSteps\":5}")).isEqualTo(new ExponentialSchedule(0.9, 5));
        assertThat(read("{\"type\":\"inverse-time\",\"decayRate\":0.01}")).isEqualTo(new InverseTimeSchedule(0.01, 0));
        assertThat(read("{\"type\":\"cosine\",\"decaySteps\":100}")).isEqualTo(new CosineSchedule(100, 0.0, null, 1, 0));
        assertThat(read("{\"type\":\"multistep\",\"milestones\":[3,6]}")).isEqualTo(new MultiStepSchedule(List.of(3, 6), 0.1, 0));
        assertThat(read("{\"type\":\"inverse-sqrt\"}")).isEqualTo(new InverseSqrtSchedule(0));
        assertThat(read("{\"type\":\"polynomial\",\"decaySteps\":10}")).isEqualTo(new PolynomialSchedule(10, 1.0, 0.0, 0));
        assertThat(read("{\"type\":\"linear\"}")).isEqualTo(new LinearSchedule(1.0 / 3, 1.0, 5, 0));
    }

    @Test
    void missingRequiredFieldsAreReportedByName() {
        assertThat(checkedFields(read("{\"type\":\"step\"}"))).containsExactly("schedule.stepSize");
        assertThat(checkedFields(read("{\"type\":\"exponential\"}"))).containsExactly("schedule.gamma");
        assertThat(checkedFields(read("{\"type\":\"inverse-time\"}"))).containsExactly("schedule.decayRate");
        assertThat(checkedFields(read("{\"type\":\"cosine\"}"))).containsExactly("schedule.decaySteps");
        assertThat(checkedFields(read("{\"type\":\"multistep\"}"))).containsExactly("schedule.milestones");
        assertThat(checkedFields(read("{\"type\":\"polynomial\"}"))).containsExactly("schedule.decaySteps");
    }

    @Test
    void completeSpecsPassTheCheck() {
        assertThat(checkedFields(new ConstantSchedule(null))).isEmpty();
        assertThat(checkedFields(new StepSchedule(1, null, null))).isEmpty();
        assertThat(checkedFields(new ExponentialSchedule(0.9, null))).isEmpty();
        assertThat(checkedFields(new InverseTimeSchedule(0.0, null))).isEmpty();
        assertThat(checkedFields(new CosineSchedule(10, null, null, null, null))).isEmpty();
    }

    @Test
    void cosineWithRestartsNeedsNoDecaySteps() {
        assertThat(checkedFields(new CosineSchedule(null, null, 10, 2, null))).isEmpty();
    }

    @Test
    void restartMultiplierWithoutRestartPeriodIsRejected() {
        assertThat(checkedFields(new CosineSchedule(10, null, null, 2, null))).containsExactly("schedule.restartMultiplier");
    }

    @Test
    void outOfRangeValuesFailBeanValidation() {
        assertThat(invalidFields(new StepSchedule(0, 0.0, -1))).containsExactlyInAnyOrder("stepSize", "gamma", "warmupSteps");
        assertThat(invalidFields(new ExponentialSchedule(0.0, null))).containsExactly("gamma");
        assertThat(invalidFields(new InverseTimeSchedule(-0.1, null))).containsExactly("decayRate");
        assertThat(invalidFields(new CosineSchedule(0, -1.0, 0, 0, null)))
                .containsExactlyInAnyOrder("decaySteps", "minLearningRate", "restartPeriod", "restartMultiplier");
        assertThat(invalidFields(new ConstantSchedule(-1))).containsExactly("warmupSteps");
        assertThat(invalidFields(new InverseSqrtSchedule(-1))).containsExactly("warmupSteps");
        assertThat(invalidFields(new MultiStepSchedule(Arrays.asList(3, null, 0), -1.0, null)))
                .containsExactlyInAnyOrder("milestones[1].<list element>", "milestones[2].<list element>", "gamma");
        assertThat(invalidFields(new PolynomialSchedule(0, 0.0, -1.0, null)))
                .containsExactlyInAnyOrder("decaySteps", "power", "endLearningRate");
        assertThat(invalidFields(new LinearSchedule(0.0, 1.5, 0, null)))
                .containsExactlyInAnyOrder("startFactor", "endFactor", "decaySteps");
        assertThat(invalidFields(new LinearSchedule(1.2, -0.1, null, null)))
                .containsExactlyInAnyOrder("startFactor", "endFactor");
    }

    @Test
    void validSpecsPassBeanValidation() {
        assertThat(invalidFields(new StepSchedule(10, null, null))).isEmpty();
        assertThat(invalidFields(new CosineSchedule(10, 0.001, 5, 2, 3))).isEmpty();
        assertThat(invalidFields(new MultiStepSchedule(List.of(1, 1, 4), null, null))).isEmpty();
        assertThat(invalidFields(new LinearSchedule(1.0, 0.0, 1, null))).isEmpty();
    }
}
