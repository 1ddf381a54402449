package dev.descent.engine;

import static java.util.Objects.requireNonNullElse;

import dev.descent.spec.Describe;
import jakarta.validation.constraints.Min;

/** Which iterations the trajectory keeps: k = 0, every, 2·every, … and always the last. */
@Describe("Which iterations the trajectory keeps")
public record RecordingSpec(
        @Describe("Record every this many iterations (the first and the last are always kept)") @Min(1) Long every,
        @Describe("Store the point x with each recorded iteration") Boolean includePoint) {

    public RecordingSpec {
        every = requireNonNullElse(every, 1L);
        includePoint = requireNonNullElse(includePoint, false);
    }

    public static RecordingSpec defaults() {
        return new RecordingSpec(null, null);
    }
}
