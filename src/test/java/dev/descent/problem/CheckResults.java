package dev.descent.problem;

import dev.descent.spec.FieldViolation;
import dev.descent.spec.Limits;
import dev.descent.spec.Violations;
import java.util.List;
import org.springframework.util.unit.DataSize;

/** Runs {@link ProblemSpec#check} and returns what it found. */
final class CheckResults {
    private CheckResults() {}

    static List<FieldViolation> violations(ProblemSpec spec) {
        return violations(spec, Limits.defaults());
    }

    static List<FieldViolation> violations(ProblemSpec spec, Limits limits) {
        Violations v = new Violations();
        spec.check(v, limits);
        return v.list();
    }

    static List<String> fields(ProblemSpec spec) {
        return violations(spec).stream().map(FieldViolation::field).toList();
    }

    static Limits maxDimension(int n) {
        return new Limits(DataSize.ofMegabytes(10), DataSize.ofGigabytes(1), n, 10_000_000L, 10_000, 4000, 64, 100_000);
    }
}
