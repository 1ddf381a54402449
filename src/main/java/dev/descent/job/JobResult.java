package dev.descent.job;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.descent.stopping.StopReason;
import java.util.Map;

/**
 * A finished job's outcome. {@code details} holds what the problem adds (fit statistics,
 * classifier coefficients) and is written as top-level fields of the result.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobResult(double[] x, Double loss, Double gradientNorm, long iterations,
                        long functionEvaluations, long gradientEvaluations,
                        StopReason stopReason, String message,
                        @JsonIgnore Map<String, Object> details) {

    @JsonAnyGetter
    public Map<String, Object> detailFields() {
        return details == null ? Map.of() : details;
    }
}
