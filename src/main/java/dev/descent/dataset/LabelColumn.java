package dev.descent.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The label of each row as it is read. Labels are numbers until the first one that is not; from
 * then on every label is a string (earlier numbers keep their shortest text) and is stored as a
 * class index. Numeric labels with at most {@link #MAX_CLASSES} distinct values are classes;
 * more are taken for a regression target and have no class list.
 */
final class LabelColumn {
    static final int MAX_CLASSES = 100;

    private double[] values = new double[1024];
    private int size;
    private Map<String, Integer> codes;  // string mode: label → first-seen code
    private List<String> texts;

    /** Finished labels: per row the value, or the index into the sorted string classes. */
    record Labels(double[] values, List<Object> classes, boolean strings) {}

    void add(String text) {
        if (codes == null) {
            double v = number(text);
            if (!Double.isNaN(v)) {
                append(v);
                return;
            }
            codes = new HashMap<>();
            texts = new ArrayList<>();
            for (int i = 0; i < size; i++) values[i] = code(text(values[i]));
        }
        append(code(text));
    }

    int size() {
        return size;
    }

    Labels finish() {
        double[] v = Arrays.copyOf(values, size);
        values = null;
        if (codes != null) {
            List<String> sorted = new ArrayList<>(texts);
            sorted.sort(null);
            int[] rank = new int[texts.size()];
            for (int c = 0; c < texts.size(); c++) rank[c] = sorted.indexOf(texts.get(c));
            for (int i = 0; i < v.length; i++) v[i] = rank[(int) v[i]];
            return new Labels(v, List.copyOf(sorted), true);
        }
        double[] distinct = v.clone();
        Arrays.sort(distinct);
        List<Object> classes = new ArrayList<>();
        for (int i = 0; i < distinct.length && classes.size() <= MAX_CLASSES; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) classes.add(boxed(distinct[i]));
        }
        return new Labels(v, classes.size() > MAX_CLASSES ? null : List.copyOf(classes), false);
    }

    private int code(String text) {
        Integer c = codes.get(text);
        if (c == null) {
            c = texts.size();
            codes.put(text, c);
            texts.add(text);
        }
        return c;
    }

    private void append(double v) {
        if (size == values.length) values = Arrays.copyOf(values, size + (size >> 1));
        values[size++] = v;
    }

    /** The finite number a label spells, or NaN. */
    private static double number(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) && !text.isEmpty() && !Character.isLetter(text.charAt(text.length() - 1)) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** 1 rather than 1.0 for whole numbers, so the classes read as they were written. */
    static Object boxed(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) v : (Object) v;
    }

    private static String text(double v) {
        return String.valueOf(boxed(v));
    }
}
