package dev.descent.engine;

import dev.descent.optimizer.Optimizer;
import dev.descent.problem.Problem;
import dev.descent.schedule.Schedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The optimizer's and schedule's state as bytes, written together so the objects they share (the
 * schedule an update rule reads) stay shared. The problem is not part of it: the optimizer's
 * references to it are written as a marker and bound to the problem of the resumed run. Only the
 * project's own classes, arrays and a few JDK value types may be read back.
 */
public final class RunState {
    private RunState() {}

    /** The optimizer and schedule of a resumed run. */
    public record Restored(Optimizer optimizer, Schedule schedule) {}

    private enum ProblemMarker implements Serializable { THE_PROBLEM }

    private static final ObjectInputFilter ALLOWED = info -> {
        Class<?> c = info.serialClass();
        if (c == null) return ObjectInputFilter.Status.UNDECIDED;
        while (c.isArray()) c = c.getComponentType();
        if (c.isPrimitive() || c.getName().startsWith("dev.descent.") || c.getName().startsWith("org.ejml.data.")
                || c == String.class || c == Double.class || c == Long.class || c == Integer.class || c == Boolean.class
                || c == Number.class || c == Enum.class || c == Object.class || c == java.lang.invoke.SerializedLambda.class
                || c.getName().startsWith("java.util.")) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    };

    public static byte[] save(Optimizer optimizer, Schedule schedule, Problem problem) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes) {
            {
                enableReplaceObject(true);
            }

            @Override
            protected Object replaceObject(Object obj) {
                return obj == problem ? ProblemMarker.THE_PROBLEM : obj;
            }
        }) {
            out.writeObject(optimizer);
            out.writeObject(schedule);
        } catch (IOException e) {
            throw new UncheckedIOException("the optimizer state could not be saved", e);
        }
        return bytes.toByteArray();
    }

    public static Restored restore(byte[] state, Problem problem) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(state)) {
            {
                enableResolveObject(true);
                setObjectInputFilter(ALLOWED);
            }

            @Override
            protected Object resolveObject(Object obj) {
                return obj == ProblemMarker.THE_PROBLEM ? problem : obj;
            }

            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, RunState.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new InvalidClassException(desc.getName(), "not a class of this version of the service");
                }
            }
        }) {
            return new Restored((Optimizer) in.readObject(), (Schedule) in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("the checkpoint cannot be restored: " + e.getMessage(), e);
        }
    }
}
