package dev.descent.api;

import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads {@code double}, {@code Double}, {@code double[]} and {@code double[][]} accepting only
 * JSON numbers that are finite as doubles: 1e400 would otherwise become Infinity silently. The
 * error carries the index path (for example {@code problem.a[1][2]}).
 */
final class FiniteNumbersModule extends SimpleModule {

    FiniteNumbersModule() {
        super("descent-finite-numbers");
        addDeserializer(Double.class, new BoxedDeserializer());
        addDeserializer(Double.TYPE, new PrimitiveDeserializer());
        addDeserializer(double[].class, new VectorDeserializer());
        addDeserializer(double[][].class, new MatrixDeserializer());
    }

    static double read(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw DatabindException.from(p, "must be a number");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) throw DatabindException.from(p, "must be a finite number (within the double range)");
        return v;
    }

    static double[] readVector(JsonParser p) {
        if (p.currentToken() != JsonToken.START_ARRAY) throw DatabindException.from(p, "must be an array of numbers");
        double[] out = new double[16];
        int n = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            try {
                out[n] = read(p);
            } catch (DatabindException e) {
                throw (DatabindException) e.prependPath(null, n);
            }
            n++;
        }
        return Arrays.copyOf(out, n);
    }

    private static final class BoxedDeserializer extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            return read(p);
        }
    }

    private static final class PrimitiveDeserializer extends ValueDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) {
            return read(p);
        }
    }

    private static final class VectorDeserializer extends ValueDeserializer<double[]> {
        @Override
        public double[] deserialize(JsonParser p, DeserializationContext ctxt) {
            return readVector(p);
        }
    }

    private static final class MatrixDeserializer extends ValueDeserializer<double[][]> {
        @Override
        public double[][] deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.START_ARRAY) throw DatabindException.from(p, "must be an array of rows");
            double[][] rows = new double[8][];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (n == rows.length) rows = Arrays.copyOf(rows, n * 2);
                try {
                    rows[n] = readVector(p);
                } catch (DatabindException e) {
                    throw (DatabindException) e.prependPath(null, n);
                }
                n++;
            }
            return Arrays.copyOf(rows, n);
        }
    }
}
