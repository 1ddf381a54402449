package dev.descent.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Describes spec types from the records themselves: their {@code type} names from
 * {@code @JsonSubTypes}, parameters from the record components, defaults by constructing a record
 * with every field absent, ranges from the bean-validation annotations, text from {@link Describe}.
 */
public final class Catalogue {
    private Catalogue() {}

    /** One type in a catalogue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String type, String description, String reference, List<Parameter> parameters,
                        List<String> acceptedProblemTypes, List<String> capabilities) {}

    /** One parameter of a type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parameter(String name, String type, Object defaultValue, Double minimum, Boolean exclusiveMinimum,
                            Double maximum, Boolean exclusiveMaximum, Boolean required, String description) {}

    /** Entries for every subtype of a spec interface, in declaration order. */
    public static List<Entry> of(Class<?> base) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, Class<?>> e : SpecTypes.subtypes(base).entrySet()) {
            out.add(entry(e.getKey(), e.getValue(), null, null));
        }
        return out;
    }

    /** An entry for one record type, with optional accepted problem types or capabilities. */
    public static Entry entry(String name, Class<?> type, List<String> acceptedProblemTypes, List<String> capabilities) {
        Describe d = type.getAnnotation(Describe.class);
        return new Entry(name, d == null ? null : d.value(), d == null || d.reference().isEmpty() ? null : d.reference(),
                parameters(type), acceptedProblemTypes, capabilities);
    }

    /** The parameters of a record type. */
    public static List<Parameter> parameters(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) return List.of();
        Object defaults = defaults(type, components);
        List<Parameter> out = new ArrayList<>();
        for (RecordComponent c : components) {
            Field f;
            try {
                f = type.getDeclaredField(c.getName());
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            Object value = null;
            if (defaults != null) {
                try {
                    value = c.getAccessor().invoke(defaults);
                } catch (ReflectiveOperationException e) {
                    value = null;
                }
            }
            Double min = null, max = null;
            Boolean exclusiveMin = null, exclusiveMax = null;
            if (f.isAnnotationPresent(Positive.class)) { min = 0.0; exclusiveMin = true; }
            if (f.isAnnotationPresent(PositiveOrZero.class)) { min = 0.0; exclusiveMin = false; }
            if (f.getAnnotation(Min.class) != null) { min = (double) f.getAnnotation(Min.class).value(); exclusiveMin = false; }
            if (f.getAnnotation(Max.class) != null) { max = (double) f.getAnnotation(Max.class).value(); exclusiveMax = false; }
            DecimalMin dmin = f.getAnnotation(DecimalMin.class);
            if (dmin != null) { min = Double.valueOf(dmin.value()); exclusiveMin = !dmin.inclusive(); }
            DecimalMax dmax = f.getAnnotation(DecimalMax.class);
            if (dmax != null) { max = Double.valueOf(dmax.value()); exclusiveMax = !dmax.inclusive(); }
            Describe d = f.getAnnotation(Describe.class);
            if (d == null) d = c.getAnnotation(Describe.class);
            Boolean required = f.isAnnotationPresent(NotNull.class) ? Boolean.TRUE : null;
            com.fasterxml.jackson.annotation.JsonProperty renamed = c.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            if (renamed == null) renamed = f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
            out.add(new Parameter(name, jsonType(c.getType()), value, min, exclusiveMin, max, exclusiveMax,
                    required, d == null ? null : d.value()));
        }
        return out;
    }

    private static Object defaults(Class<?> type, RecordComponent[] components) {
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) types[i] = components[i].getType();
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            Object[] args = new Object[components.length];
            for (int i = 0; i < types.length; i++) if (types[i].isPrimitive()) return null;
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a record that cannot be built empty has no defaults to show
        }
    }

    private static String jsonType(Class<?> t) {
        if (t == Double.class || t == double.class || t == Float.class) return "number";
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) return "integer";
        if (t == Boolean.class || t == boolean.class) return "boolean";
        if (t == String.class) return "string";
        if (t == Duration.class) return "duration (ISO-8601)";
        if (t == double[].class) return "array of numbers";
        if (t == double[][].class) return "matrix (array of rows)";
        if (t.isArray() || Collection.class.isAssignableFrom(t)) return "array";
        if (t.isEnum()) return "string";
        return "object";
    }
}
