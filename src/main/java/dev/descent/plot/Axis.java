package dev.descent.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A numeric axis mapping data to pixels, linear or base-10 logarithmic, with "nice" tick values
 * (1, 2, 5 × 10ᵏ for linear axes; powers of ten for log axes).
 */
record Axis(double min, double max, boolean log, double from, double to) {

    /** An axis over the finite values given (positive ones only when logarithmic). */
    static Axis over(double[] values, boolean log, double from, double to) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v) || (log && v <= 0)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!Double.isFinite(lo)) {
            lo = log ? 1 : 0;
            hi = log ? 10 : 1;
        }
        if (log) {
            lo = Math.pow(10, Math.floor(Math.log10(lo)));
            hi = Math.pow(10, Math.ceil(Math.log10(hi)));
            if (hi <= lo) hi = lo * 10;
        } else if (hi - lo <= Math.abs(hi) * 1e-12) {
            double pad = hi == 0 ? 1 : Math.abs(hi) * 0.1;
            lo -= pad;
            hi += pad;
        } else {
            double step = niceStep((hi - lo) / 5);
            lo = Math.floor(lo / step) * step;
            hi = Math.ceil(hi / step) * step;
        }
        return new Axis(lo, hi, log, from, to);
    }

    /** Whether positive values spanning more than two decades are better drawn on a log scale. */
    static boolean spansDecades(double[] values) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            if (v <= 0) return false;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi > 0 && hi / lo > 100;
    }

    double pixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
        return from + t * (to - from);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int a = (int) Math.round(Math.log10(min)), b = (int) Math.round(Math.log10(max));
            int stride = Math.max(1, (b - a + 7) / 8);
            for (int e = a; e <= b; e += stride) out.add(Math.pow(10, e));
        } else {
            double step = niceStep((max - min) / 5);
            for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
                out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
            }
        }
        return out;
    }

    static String label(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            String s = String.format(Locale.ROOT, "%.0e", v);
            return s.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / p;
        return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p;
    }
}
