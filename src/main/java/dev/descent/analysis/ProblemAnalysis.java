package dev.descent.analysis;

import dev.descent.linalg.Vectors;
import dev.descent.problem.FunctionSpec;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.ProblemSpec;
import dev.descent.problem.Problems;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Violations;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Gradient checks and the local analysis of a problem at a point. Problems are validated with the
 * same {@link ProblemSpec#check} jobs use; results that are not finite are a 400 on {@code point}.
 * The step-size formulas are those of gradient descent on a quadratic with Hessian eigenvalues in
 * [μ, L] (Nesterov, Introductory Lectures on Convex Optimization, 2004, section 1.2.3: steps below
 * 2/L converge, 1/L is the best fixed step for L-smooth f) and Polyak's heavy ball (Polyak 1964;
 * step 4/(√L + √μ)², momentum ((√κ − 1)/(√κ + 1))²).
 */
@Service
public class ProblemAnalysis {
    /** Dense Hessian and full eigendecomposition up to this dimension; matrix-free power iteration above. */
    public static final int MAX_DENSE_DIMENSION = 2000;
    /** The Hessian itself is part of the answer up to this dimension (n² numbers). */
    public static final int MAX_HESSIAN_IN_RESPONSE = 500;
    /** A gradient check costs 2n objective evaluations. */
    public static final int MAX_GRADIENT_CHECK_DIMENSION = 10_000;
    /** Relative error of {@link GradientCheck#ok()}. */
    public static final double GRADIENT_TOLERANCE = 1e-6;
    private static final int POWER_ITERATIONS = 500;
    private static final double POWER_TOLERANCE = 1e-9;

    private final Problems problems;

    public ProblemAnalysis(Problems problems) {
        this.problems = problems;
    }

    /** The problem built from a spec checked like a job's, with the point checked against it. */
    private Problem build(ProblemSpec spec, double[] point, int maxDimension) {
        Violations v = new Violations();
        problems.check(spec, v.at("problem"));
        v.throwIfAny();
        int n = spec.dimension();
        v.check(point.length == n, "point", "has " + point.length + " entries; the problem has " + n + " variables");
        v.throwIfAny();
        v.check(n <= maxDimension, "point", "has " + n + " entries; this tool handles at most " + maxDimension);
        v.throwIfAny();
        return problems.create(spec);
    }

    public GradientCheck gradientCheck(ProblemSpec spec, double[] point) {
        Problem problem = build(spec, point, MAX_GRADIENT_CHECK_DIMENSION);
        int n = point.length;
        double[] analytic = new double[n], numeric = new double[n], step = new double[n], error = new double[n];
        double f = problem.valueAndGradient(point.clone(), analytic);
        requireFinite(f, "value");
        requireFinite(analytic, "gradient");
        double root = Math.cbrt(Math.ulp(1.0));
        double[] y = point.clone();
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < n; i++) {
            double xi = point[i];
            double h = (xi + root * Math.max(1, Math.abs(xi))) - xi;  // a step that is exact in binary
            y[i] = xi + h;
            double up = problem.value(y);
            y[i] = xi - h;
            double down = problem.value(y);
            y[i] = xi;
            numeric[i] = (up - down) / (2 * h);
            step[i] = h;
            if (!Double.isFinite(numeric[i])) {
                throw new InvalidRequestException("point", "the objective is not finite within " + h
                        + " of the point along coordinate " + i + ", so no centered difference exists there");
            }
            error[i] = Math.abs(analytic[i] - numeric[i]) / Math.max(1, Math.max(Math.abs(analytic[i]), Math.abs(numeric[i])));
            if (error[i] > worst) {
                worst = error[i];
                worstAt = i;
            }
        }
        return new GradientCheck(n, f, analytic, numeric, step, error, worst, worstAt, worst <= GRADIENT_TOLERANCE,
                GRADIENT_TOLERANCE);
    }

    public Analysis analyze(ProblemSpec spec, double[] point) {
        Problem problem = build(spec, point, Integer.MAX_VALUE);
        int n = point.length;
        double[] x = point.clone(), g = new double[n];
        double f = problem.valueAndGradient(x, g);
        requireFinite(f, "value");
        requireFinite(g, "gradient");
        List<String> notes = new ArrayList<>();
        Spectrum.Extremes spectrum;
        double[][] rows = null;
        if (n <= MAX_DENSE_DIMENSION && problem.hasHessian()) {
            double[] h = new double[n * n];
            problem.hessian(x, h);
            requireFinite(h, "Hessian");
            spectrum = Spectrum.dense(h, n);
            if (n <= MAX_HESSIAN_IN_RESPONSE) {
                rows = new double[n][];
                for (int i = 0; i < n; i++) rows[i] = java.util.Arrays.copyOfRange(h, i * n, (i + 1) * n);
            } else {
                notes.add("hessian is left out above dimension " + MAX_HESSIAN_IN_RESPONSE);
            }
        } else {
            spectrum = Spectrum.matrixFree(problem, x, POWER_ITERATIONS, POWER_TOLERANCE);
            notes.add("dimension above " + MAX_DENSE_DIMENSION + ": no dense Hessian; the extreme eigenvalues come from "
                    + "power iteration and are approximate");
            if (!spectrum.converged()) notes.add("power iteration did not converge in " + POWER_ITERATIONS + " steps");
        }
        double min = spectrum.min(), max = spectrum.max();
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new InvalidRequestException("point", "the Hessian's eigenvalues are not finite at this point");
        }
        double scale = Math.max(Math.abs(min), Math.abs(max));
        double zero = 1e-12 * scale;    // eigenvalues this small are rounding noise around 0
        boolean locallyConvex = min >= -zero;
        Boolean convex = convex(spec, locallyConvex);
        Boolean stronglyConvex = stronglyConvex(spec, min > zero);
        if (convex == null) notes.add("convex: undecidable from one point for this problem type; see locallyConvex");

        Double conditionNumber = min > zero ? max / min : null;
        if (conditionNumber == null) notes.add("conditionNumber: the smallest eigenvalue is not positive");
        Double lipschitz = max, bestStep = null, maxStableStep = null;
        if (max > zero) {
            bestStep = 1 / max;
            maxStableStep = 2 / max;
        } else {
            notes.add("bestStep, maxStableStep: no positive curvature at this point");
        }
        if (!spec.quadratic()) {
            notes.add("lipschitzConstant: the curvature at this point; a bound over a region needs the Hessian there too");
        }
        Double momentum = null, momentumStep = null;
        if (spec.quadratic() && min > zero) {
            double rootKappa = Math.sqrt(max / min);
            momentum = Math.pow((rootKappa - 1) / (rootKappa + 1), 2);
            double s = Math.sqrt(max) + Math.sqrt(min);
            momentumStep = 4 / (s * s);
        } else {
            notes.add("optimalMomentum: defined for quadratics with a positive definite Hessian");
        }
        return new Analysis(n, f, g, Vectors.norm2(g), rows, spectrum.method(), min, max, conditionNumber, convex,
                stronglyConvex, locallyConvex, lipschitz, bestStep, maxStableStep, momentum, momentumStep, notes);
    }

    /** Global convexity where the problem type decides it. */
    private static Boolean convex(ProblemSpec spec, boolean positiveSemidefinite) {
        // Quadratics (linear least squares included) have a constant Hessian: this point speaks for all.
        if (spec.quadratic()) return positiveSemidefinite;
        if (spec instanceof LogisticRegressionSpec) return true;  // a sum of convex log-losses, convex penalties
        if (spec instanceof FunctionSpec f && "sphere".equals(f.name())) return true;
        return null;
    }

    private static Boolean stronglyConvex(ProblemSpec spec, boolean positiveDefinite) {
        if (spec.quadratic()) return positiveDefinite;
        if (spec instanceof LogisticRegressionSpec l) return l.l2() > 0 ? Boolean.TRUE : null;
        if (spec instanceof FunctionSpec f && "sphere".equals(f.name())) return true;
        return null;
    }

    private static void requireFinite(double v, String what) {
        if (!Double.isFinite(v)) {
            throw new InvalidRequestException("point", "the objective's " + what + " is not finite at this point (" + v + ")");
        }
    }

    private static void requireFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InvalidRequestException("point", "the objective's " + what + " is not finite at this point (entry "
                        + i + " is " + v[i] + ")");
            }
        }
    }
}
