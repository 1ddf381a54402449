package dev.descent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/** Rates against torch 1.13's own lr sequences (shared/conformance/optimizers/schedules.json), relative 1e-12. */
class ScheduleConformanceTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final double TOLERANCE = 1e-12;

    /** Our field for each torch argument. */
    static final Map<String, String> FIELDS = Map.of(
            "step_size", "stepSize",
            "gamma", "gamma",
            "T_max", "decaySteps",
            "eta_min", "minLearningRate",
            "start_factor", "startFactor",
            "end_factor", "endFactor",
            "total_iters", "decaySteps");

    record Reference(String id, @JsonProperty("torch_args") Map<String, Object> torchArgs,
                     @JsonProperty("initial_lr") double initialLr, List<Double> lr) {}

    record File(List<Reference> schedules) {}

    static Stream<Reference> references() throws Exception {
        Path path = Path.of(System.getProperty("descent.shared", "../shared"), "conformance/optimizers/schedules.json");
        List<Reference> all = JSON.readValue(Files.readString(path), File.class).schedules();
        return Stream.of("step", "exponential", "cosine", "linear").map(id -> all.stream()
                .filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no reference run '" + id + "' in " + path)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void ratesMatchTorchForOneHundredSteps(Reference ref) {
        Schedule schedule = spec(ref).create(ref.initialLr());
        assertThat(ref.lr()).hasSize(101);
        for (int t = 0; t < ref.lr().size(); t++) {
            double expected = ref.lr().get(t);
            assertThat(schedule.at(t)).as("%s lr[%d]", ref.id(), t)
                    .isCloseTo(expected, offset(TOLERANCE * Math.abs(expected)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("references")
    void askingAgainOrGoingBackGivesTheSameRates(Reference ref) {
        Schedule schedule = spec(ref).create(ref.initialLr());
        double at60 = schedule.at(60);
        assertThat(schedule.at(60)).isEqualTo(at60);
        assertThat(schedule.at(7)).isCloseTo(ref.lr().get(7), offset(TOLERANCE * ref.lr().get(7)));
        assertThat(schedule.at(60)).isEqualTo(at60);
    }

    static ScheduleSpec spec(Reference ref) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("type", ref.id());
        ref.torchArgs().forEach((name, value) -> {
            String field = FIELDS.get(name);
            if (field == null) fail("no field for torch argument " + name + " of " + ref.id());
            fields.put(field, value);
        });
        return JSON.convertValue(fields, ScheduleSpec.class);
    }
}
