package dev.descent.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects cross-field violations (dimensions, compatibility, limits) under a path prefix, so a
 * spec checks itself with local names and the client sees full paths such as {@code problem.b}.
 */
public final class Violations {
    private final List<FieldViolation> list;
    private final String prefix;

    public Violations() {
        this(new ArrayList<>(), "");
    }

    private Violations(List<FieldViolation> list, String prefix) {
        this.list = list;
        this.prefix = prefix;
    }

    /** A view that prefixes every field with {@code path}; shares the same list. */
    public Violations at(String path) {
        return new Violations(list, join(prefix, path));
    }

    public void add(String field, String message) {
        list.add(new FieldViolation(join(prefix, field), message));
    }

    /** Adds the violation when {@code ok} is false; returns {@code ok}. */
    public boolean check(boolean ok, String field, String message) {
        if (!ok) add(field, message);
        return ok;
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() {
        if (!list.isEmpty()) throw new InvalidRequestException(list);
    }

    private static String join(String a, String b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return b.startsWith("[") ? a + b : a + "." + b;
    }
}
