package dev.descent.spec;

/** One invalid input: the request path of the field (`optimizer.learningRate`) and what is wrong. */
public record FieldViolation(String field, String message) {}
