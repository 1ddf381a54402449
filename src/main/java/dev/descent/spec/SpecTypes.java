package dev.descent.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code type} names of the polymorphic specs and their capabilities, read from the same
 * annotations Jackson uses, so the catalogue, validation and binding can never disagree.
 */
public final class SpecTypes {
    private SpecTypes() {}

    /** Read once per class: every submitted job asks for several names. */
    private static final ClassValue<Map<String, Class<?>>> SUBTYPES = new ClassValue<>() {
        @Override
        protected Map<String, Class<?>> computeValue(Class<?> base) {
            JsonSubTypes types = base.getAnnotation(JsonSubTypes.class);
            Map<String, Class<?>> out = new LinkedHashMap<>();
            if (types != null) for (JsonSubTypes.Type t : types.value()) out.put(t.name(), t.value());
            return Collections.unmodifiableMap(out);
        }
    };
    private static final ClassValue<Optional<String>> NAMES = new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
            return Optional.ofNullable(nameIn(type.getInterfaces(), type));
        }
    };

    /** Type name → record class, in declaration order, for a spec interface such as OptimizerSpec. */
    public static Map<String, Class<?>> subtypes(Class<?> base) {
        return SUBTYPES.get(base);
    }

    /** The {@code type} name of a spec instance. */
    public static String nameOf(Object spec) {
        return NAMES.get(spec.getClass()).orElseThrow(
                () -> new IllegalArgumentException("not a registered spec type: " + spec.getClass().getName()));
    }

    /** Searches the interfaces and their super-interfaces for the one whose subtypes name {@code type}. */
    private static String nameIn(Class<?>[] interfaces, Class<?> type) {
        for (Class<?> base : interfaces) {
            for (Map.Entry<String, Class<?>> e : subtypes(base).entrySet()) {
                if (e.getValue() == type) return e.getKey();
            }
            String inherited = nameIn(base.getInterfaces(), type);
            if (inherited != null) return inherited;
        }
        return null;
    }

    public static Set<Capability> provides(Class<?> problemSpec) {
        Provides p = problemSpec.getAnnotation(Provides.class);
        return p == null ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(Arrays.asList(p.value()));
    }

    public static Set<Capability> requires(Class<?> optimizerSpec) {
        Requires r = optimizerSpec.getAnnotation(Requires.class);
        return r == null || r.value().length == 0
                ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(Arrays.asList(r.value()));
    }

    /** Whether an optimizer type can run on a problem type. */
    public static boolean compatible(Class<?> optimizerSpec, Class<?> problemSpec) {
        return provides(problemSpec).containsAll(requires(optimizerSpec));
    }
}
