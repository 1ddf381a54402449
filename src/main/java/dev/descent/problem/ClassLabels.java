package dev.descent.problem;

import dev.descent.spec.Violations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Class labels as a request gives them (all numbers or all strings) turned into class indices.
 * Numbers are compared by value, so 1 and 1.0 are one class; classes are sorted numerically or
 * lexicographically and keep the value first seen for them.
 *
 * @param classes the distinct labels, sorted
 * @param rows    each row's index into {@code classes}
 */
record ClassLabels(List<Object> classes, int[] rows) {

    /** The labels' classes, or null after adding violations under {@code field}. */
    static ClassLabels of(List<Object> labels, Violations v, String field) {
        int m = labels.size();
        Comparable<?>[] keys = new Comparable<?>[m];
        Boolean numeric = null;
        int firstIndex = -1, bad = 0;
        for (int i = 0; i < m; i++) {
            Object label = labels.get(i);
            Comparable<?> key = key(label);
            String problem = null;
            if (key == null) {
                problem = "must be a number or a string, not " + (label == null ? "null" : describe(label));
            } else if (numeric == null) {
                numeric = key instanceof BigDecimal;
                firstIndex = i;
            } else if (numeric != key instanceof BigDecimal) {
                problem = "is a " + (numeric ? "string" : "number") + " but " + field + "[" + firstIndex + "] is a "
                        + (numeric ? "number" : "string") + "; labels must be all numbers or all strings";
            }
            if (problem != null) {
                if (bad++ < Rows.MAX_REPORTED) v.add(field + "[" + i + "]", problem);
            } else {
                keys[i] = key;
            }
        }
        if (bad > Rows.MAX_REPORTED) v.add(field, (bad - Rows.MAX_REPORTED) + " more labels are invalid");
        if (bad > 0) return null;

        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<Comparable, Object> firstSeen = new TreeMap<>();
        for (int i = 0; i < m; i++) firstSeen.putIfAbsent(keys[i], labels.get(i));
        if (firstSeen.size() < 2) {
            v.add(field, "needs at least two distinct classes; found " + firstSeen.size());
            return null;
        }
        @SuppressWarnings("rawtypes")
        Map<Comparable, Integer> index = new TreeMap<>();
        for (var key : firstSeen.keySet()) index.put(key, index.size());
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) rows[i] = index.get(keys[i]);
        return new ClassLabels(List.copyOf(new ArrayList<>(firstSeen.values())), rows);
    }

    /** A BigDecimal for a number, the string itself, or null for anything else. */
    private static Comparable<?> key(Object label) {
        if (label instanceof String s) return s;
        if (label instanceof BigDecimal d) return d;
        if (label instanceof BigInteger i) return new BigDecimal(i);
        if (label instanceof Integer || label instanceof Long || label instanceof Short || label instanceof Byte) {
            return BigDecimal.valueOf(((Number) label).longValue());
        }
        if ((label instanceof Double || label instanceof Float) && Double.isFinite(((Number) label).doubleValue())) {
            return new BigDecimal(label.toString());
        }
        return null;
    }

    private static String describe(Object label) {
        if (label instanceof Boolean) return "a boolean";
        if (label instanceof List<?>) return "an array";
        if (label instanceof Map<?, ?>) return "an object";
        if (label instanceof Number) return "the number " + label;
        return "a " + label.getClass().getSimpleName();
    }
}
