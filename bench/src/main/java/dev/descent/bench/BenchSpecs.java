package dev.descent.bench;

import dev.descent.optimizer.OptimizerSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Optimizer specs as a request would give them: the record's canonical constructor with every
 * component null (so the record fills its own defaults) except the ones named.
 */
final class BenchSpecs {
    private BenchSpecs() {}

    static OptimizerSpec spec(String type, Map<String, Object> given) {
        for (var t : OptimizerSpec.class.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            if (t.name().equals(type)) return make(t.value().asSubclass(OptimizerSpec.class), given);
        }
        throw new IllegalArgumentException("no optimizer type " + type);
    }

    private static OptimizerSpec make(Class<? extends OptimizerSpec> type, Map<String, Object> given) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = given.get(components[i].getName());
        }
        try {
            Constructor<? extends OptimizerSpec> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }
}
