package dev.descent.spec;

import java.util.List;

/** A request that is well-formed JSON but violates the contract; answered with 400 and the field list. */
public class InvalidRequestException extends RuntimeException {
    private final transient List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.isEmpty() ? "invalid request" : violations.get(0).field() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
