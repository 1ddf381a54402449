package dev.descent.expression;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The functions an expression may call, by their names in the language. */
public enum Function {
    EXP("exp", 1), LOG("log", 1), SQRT("sqrt", 1), SIN("sin", 1), COS("cos", 1), TAN("tan", 1),
    ATAN("atan", 1), ABS("abs", 1), TANH("tanh", 1), SINH("sinh", 1), COSH("cosh", 1),
    LOG1P("log1p", 1), EXPM1("expm1", 1), MIN("min", 2), MAX("max", 2);

    private static final Map<String, Function> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Function::symbol, f -> f));
    /** Named constants: {@code pi} and {@code e}. */
    public static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    private final String symbol;
    private final int arity;

    Function(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    /** The name in the language, such as {@code log1p}. */
    public String symbol() {
        return symbol;
    }

    public int arity() {
        return arity;
    }

    /** The function of that name, or null. */
    public static Function named(String name) {
        return BY_NAME.get(name);
    }

    /** Whether a name is taken by a function or a constant, so it cannot name a variable. */
    public static boolean reserved(String name) {
        return BY_NAME.containsKey(name) || CONSTANTS.containsKey(name);
    }

    /** Every function and constant name, sorted. */
    public static Set<String> reservedNames() {
        var names = new java.util.TreeSet<>(BY_NAME.keySet());
        names.addAll(CONSTANTS.keySet());
        return java.util.Collections.unmodifiableSet(names);
    }
}
