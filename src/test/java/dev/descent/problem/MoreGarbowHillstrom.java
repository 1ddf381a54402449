package dev.descent.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Test problems of Moré, Garbow &amp; Hillstrom, "Testing Unconstrained Optimization Software",
 * ACM Transactions on Mathematical Software 7(1), 1981, 17–41, written as expressions:
 * f = Σ fᵢ(x)², with the paper's standard start x₀ and its reported minimum values (the
 * alternative local minima the paper lists are accepted too, and reported as such).
 */
final class MoreGarbowHillstrom {
    private MoreGarbowHillstrom() {}

    /** One problem: number in the paper, name, variables, residuals, start, f* and listed local minima. */
    record TestProblem(int number, String name, List<String> variables, List<String> residuals, double[] start,
                       double minimum, double... localMinima) {
        String objective() {
            StringBuilder sb = new StringBuilder();
            for (String r : residuals) {
                if (!sb.isEmpty()) sb.append(" + ");
                sb.append('(').append(r).append(")^2");
            }
            return sb.toString();
        }

        String label() {
            return "(" + number + ") " + name + " n=" + variables.size();
        }
    }

    /** v to 17 significant digits, trailing zeros of the mantissa dropped (never those of the exponent: e-10 stays). */
    static String num(double v) {
        String[] parts = String.format(Locale.ROOT, "%.17g", v).split("e");
        String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", ".0");
        return parts.length == 1 ? mantissa : mantissa + "e" + parts[1];
    }

    static List<String> names(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add("x" + i);
        return out;
    }

    static List<String> each(int from, int to, IntFunction<String> residual) {
        List<String> out = new ArrayList<>();
        for (int i = from; i <= to; i++) out.add(residual.apply(i));
        return out;
    }

    static double[] fill(int n, IntFunction<Double> value) {
        double[] x = new double[n];
        for (int j = 1; j <= n; j++) x[j - 1] = value.apply(j);
        return x;
    }

    static List<TestProblem> all() {
        List<TestProblem> p = new ArrayList<>();
        p.add(new TestProblem(1, "Rosenbrock", names(2), List.of("10*(x2 - x1^2)", "1 - x1"), new double[] {-1.2, 1}, 0));
        p.add(new TestProblem(2, "Freudenstein and Roth", names(2),
                List.of("-13 + x1 + ((5 - x2)*x2 - 2)*x2", "-29 + x1 + ((x2 + 1)*x2 - 14)*x2"),
                new double[] {0.5, -2}, 0, 48.9842));
        p.add(new TestProblem(3, "Powell badly scaled", names(2),
                List.of("1e4*x1*x2 - 1", "exp(-x1) + exp(-x2) - 1.0001"), new double[] {0, 1}, 0));
        p.add(new TestProblem(4, "Brown badly scaled", names(2),
                List.of("x1 - 1e6", "x2 - 2e-6", "x1*x2 - 2"), new double[] {1, 1}, 0));
        double[] beale = {1.5, 2.25, 2.625};
        p.add(new TestProblem(5, "Beale", names(2),
                each(1, 3, i -> num(beale[i - 1]) + " - x1*(1 - x2^" + i + ")"), new double[] {1, 1}, 0));
        p.add(new TestProblem(6, "Jennrich and Sampson", names(2),
                each(1, 10, i -> (2 + 2 * i) + " - (exp(" + i + "*x1) + exp(" + i + "*x2))"), new double[] {0.3, 0.4}, 124.362));
        // θ = atan(x2/x1)/2π, plus ½ when x1 < 0; (|x1| − x1)/(4|x1|) is that ½ with a zero derivative.
        p.add(new TestProblem(7, "Helical valley", names(3),
                List.of("10*(x3 - 10*(atan(x2/x1)/(2*pi) + (abs(x1) - x1)/(4*abs(x1))))", "10*(sqrt(x1^2 + x2^2) - 1)", "x3"),
                new double[] {-1, 0, 0}, 0));
        double[] bard = {0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
        p.add(new TestProblem(8, "Bard", names(3),
                each(1, 15, i -> num(bard[i - 1]) + " - (x1 + " + i + "/(" + (16 - i) + "*x2 + " + Math.min(i, 16 - i) + "*x3))"),
                new double[] {1, 1, 1}, 8.21487e-3, 17.4286));
        double[] gauss = {0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989, 0.3521, 0.2420, 0.1295, 0.0540,
                0.0175, 0.0044, 0.0009};
        p.add(new TestProblem(9, "Gaussian", names(3),
                each(1, 15, i -> "x1*exp(-x2*(" + num((8 - i) / 2.0) + " - x3)^2/2) - " + num(gauss[i - 1])),
                new double[] {0.4, 1, 0}, 1.12793e-8));
        double[] meyer = {34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872};
        p.add(new TestProblem(10, "Meyer", names(3),
                each(1, 16, i -> "x1*exp(x2/(" + (45 + 5 * i) + " + x3)) - " + num(meyer[i - 1])),
                new double[] {0.02, 4000, 250}, 87.9458));
        p.add(gulf(99));
        p.add(new TestProblem(12, "Box three-dimensional", names(3),
                each(1, 10, i -> {
                    String t = num(0.1 * i);
                    return "exp(-" + t + "*x1) - exp(-" + t + "*x2) - x3*(" + num(Math.exp(-0.1 * i) - Math.exp(-i)) + ")";
                }), new double[] {0, 10, 20}, 0));
        p.add(new TestProblem(13, "Powell singular", names(4),
                List.of("x1 + 10*x2", "sqrt(5)*(x3 - x4)", "(x2 - 2*x3)^2", "sqrt(10)*(x1 - x4)^2"),
                new double[] {3, -1, 0, 1}, 0));
        p.add(new TestProblem(14, "Wood", names(4),
                List.of("10*(x2 - x1^2)", "1 - x1", "sqrt(90)*(x4 - x3^2)", "1 - x3", "sqrt(10)*(x2 + x4 - 2)",
                        "(x2 - x4)/sqrt(10)"), new double[] {-3, -1, -3, -1}, 0));
        double[] ky = {0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
        double[] ku = {4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625};
        p.add(new TestProblem(15, "Kowalik and Osborne", names(4),
                each(1, 11, i -> {
                    String u = num(ku[i - 1]), u2 = num(ku[i - 1] * ku[i - 1]);
                    return num(ky[i - 1]) + " - x1*(" + u2 + " + " + u + "*x2)/(" + u2 + " + " + u + "*x3 + x4)";
                }), new double[] {0.25, 0.39, 0.415, 0.39}, 3.07505e-4, 1.02734e-3));
        p.add(new TestProblem(16, "Brown and Dennis", names(4),
                each(1, 20, i -> {
                    double t = i / 5.0;
                    return "(x1 + " + num(t) + "*x2 - " + num(Math.exp(t)) + ")^2 + (x3 + x4*" + num(Math.sin(t)) + " - "
                            + num(Math.cos(t)) + ")^2";
                }), new double[] {25, 5, -5, -1}, 85822.2));
        double[] o1 = {0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658,
                0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424,
                0.420, 0.414, 0.411, 0.406};
        p.add(new TestProblem(17, "Osborne 1", names(5),
                each(1, 33, i -> {
                    int t = 10 * (i - 1);
                    return num(o1[i - 1]) + " - (x1 + x2*exp(-" + t + "*x4) + x3*exp(-" + t + "*x5))";
                }), new double[] {0.5, 1.5, -1, 0.01, 0.02}, 5.46489e-5));
        p.add(new TestProblem(18, "Biggs EXP6", names(6),
                each(1, 13, i -> {
                    double t = 0.1 * i;
                    double y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
                    String ts = num(t);
                    return "x3*exp(-" + ts + "*x1) - x4*exp(-" + ts + "*x2) + x6*exp(-" + ts + "*x5) - " + num(y);
                }), new double[] {1, 2, 1, 1, 1, 1}, 0, 5.65565e-3, 0.306366));
        p.add(osborneTwo());
        p.add(watson(6, 2.28767e-3));
        p.add(watson(9, 1.39976e-6));
        p.add(new TestProblem(21, "Extended Rosenbrock", names(10),
                each(1, 10, i -> i % 2 == 1 ? "10*(x" + (i + 1) + " - x" + i + "^2)" : "1 - x" + (i - 1)),
                fill(10, j -> j % 2 == 1 ? -1.2 : 1.0), 0));
        p.add(new TestProblem(22, "Extended Powell singular", names(8),
                each(1, 8, i -> switch (i % 4) {
                    case 1 -> "x" + i + " + 10*x" + (i + 1);
                    case 2 -> "sqrt(5)*(x" + (i + 1) + " - x" + (i + 2) + ")";
                    case 3 -> "(x" + (i - 1) + " - 2*x" + i + ")^2";
                    default -> "sqrt(10)*(x" + (i - 3) + " - x" + i + ")^2";
                }), fill(8, j -> new double[] {3, -1, 0, 1}[(j - 1) % 4]), 0));
        p.add(penaltyOne(4, 2.24997e-5));
        p.add(penaltyOne(10, 7.08765e-5));
        p.add(penaltyTwo(4, 9.37629e-6));
        p.add(penaltyTwo(10, 2.93660e-4));
        p.add(variablyDimensioned(10));
        p.add(trigonometric(10));
        p.add(brownAlmostLinear(10));
        p.add(discreteBoundaryValue(10));
        p.add(discreteIntegralEquation(10));
        p.add(broydenTridiagonal(10));
        p.add(broydenBanded(10));
        p.add(linearFullRank(10, 20));
        p.add(linearRankOne(10, 20));
        p.add(linearRankOneZeroColumnsAndRows(10, 20));
        p.add(chebyquad(8, 3.51687e-3));
        return p;
    }

    /** (11): fᵢ = exp(−|yᵢ − x₂|^x₃ / x₁) − tᵢ, tᵢ = i/100, yᵢ = 25 + (−50 ln tᵢ)^(2/3); f = 0 at (50, 25, 1.5). */
    static TestProblem gulf(int m) {
        return new TestProblem(11, "Gulf research and development", names(3),
                each(1, m, i -> {
                    double t = i / 100.0, y = 25 + Math.pow(-50 * Math.log(t), 2.0 / 3);
                    return "exp(-abs(" + num(y) + " - x2)^x3/x1) - " + num(t);
                }), new double[] {5, 2.5, 0.15}, 0);
    }

    /** (19): 65 data points, four exponential terms, tᵢ = (i − 1)/10. */
    static TestProblem osborneTwo() {
        double[] y = {1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
                0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558,
                0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429, 0.523, 0.562, 0.607,
                0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.710, 0.729, 0.720,
                0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
        return new TestProblem(19, "Osborne 2", names(11),
                each(1, 65, i -> {
                    String t = num((i - 1) / 10.0);
                    return num(y[i - 1]) + " - (x1*exp(-" + t + "*x5) + x2*exp(-(" + t + " - x9)^2*x6) + x3*exp(-(" + t
                            + " - x10)^2*x7) + x4*exp(-(" + t + " - x11)^2*x8))";
                }), new double[] {1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5}, 4.01377e-2);
    }

    /** tⱼ = j·h, h = 1/(n + 1), the grid of (28) and (29); their start is xⱼ = tⱼ(tⱼ − 1). */
    static double[] gridStart(int n) {
        double h = 1.0 / (n + 1);
        return fill(n, j -> j * h * (j * h - 1));
    }

    /** (28): fᵢ = 2xᵢ − xᵢ₋₁ − xᵢ₊₁ + h²(xᵢ + tᵢ + 1)³/2 with x₀ = xₙ₊₁ = 0. */
    static TestProblem discreteBoundaryValue(int n) {
        double h = 1.0 / (n + 1);
        return new TestProblem(28, "Discrete boundary value", names(n),
                each(1, n, i -> "2*x" + i + (i > 1 ? " - x" + (i - 1) : "") + (i < n ? " - x" + (i + 1) : "") + " + "
                        + num(h * h / 2) + "*(x" + i + " + " + num(i * h + 1) + ")^3"),
                gridStart(n), 0);
    }

    /** (29): fᵢ = xᵢ + h[(1 − tᵢ)Σⱼ≤ᵢ tⱼ(xⱼ + tⱼ + 1)³ + tᵢ Σⱼ>ᵢ (1 − tⱼ)(xⱼ + tⱼ + 1)³]/2. */
    static TestProblem discreteIntegralEquation(int n) {
        double h = 1.0 / (n + 1);
        return new TestProblem(29, "Discrete integral equation", names(n),
                each(1, n, i -> {
                    double ti = i * h;
                    StringBuilder s = new StringBuilder("x" + i);
                    for (int j = 1; j <= n; j++) {
                        double tj = j * h;
                        double weight = h / 2 * (j <= i ? (1 - ti) * tj : ti * (1 - tj));
                        s.append(" + ").append(num(weight)).append("*(x").append(j).append(" + ").append(num(tj + 1)).append(")^3");
                    }
                    return s.toString();
                }), gridStart(n), 0);
    }

    /** (30): fᵢ = (3 − 2xᵢ)xᵢ − xᵢ₋₁ − 2xᵢ₊₁ + 1 with x₀ = xₙ₊₁ = 0. */
    static TestProblem broydenTridiagonal(int n) {
        return new TestProblem(30, "Broyden tridiagonal", names(n),
                each(1, n, i -> "(3 - 2*x" + i + ")*x" + i + (i > 1 ? " - x" + (i - 1) : "") + (i < n ? " - 2*x" + (i + 1) : "") + " + 1"),
                fill(n, j -> -1.0), 0);
    }

    /** (31): fᵢ = xᵢ(2 + 5xᵢ²) + 1 − Σ xⱼ(1 + xⱼ) over j ≠ i, i − 5 ≤ j ≤ i + 1. */
    static TestProblem broydenBanded(int n) {
        return new TestProblem(31, "Broyden banded", names(n),
                each(1, n, i -> {
                    StringBuilder s = new StringBuilder("x" + i + "*(2 + 5*x" + i + "^2) + 1");
                    for (int j = Math.max(1, i - 5); j <= Math.min(n, i + 1); j++) {
                        if (j != i) s.append(" - x").append(j).append("*(1 + x").append(j).append(')');
                    }
                    return s.toString();
                }), fill(n, j -> -1.0), 0);
    }

    static String sum(int from, int to, IntFunction<String> term) {
        StringBuilder s = new StringBuilder();
        for (int j = from; j <= to; j++) s.append(j == from ? "" : " + ").append(term.apply(j));
        return s.toString();
    }

    /** (32): fᵢ = xᵢ − (2/m)Σxⱼ − 1 for i ≤ n, −(2/m)Σxⱼ − 1 beyond; f* = m − n. */
    static TestProblem linearFullRank(int n, int m) {
        String total = "(" + sum(1, n, j -> "x" + j) + ")";
        return new TestProblem(32, "Linear function, full rank", names(n),
                each(1, m, i -> (i <= n ? "x" + i + " " : "") + "- " + num(2.0 / m) + "*" + total + " - 1"),
                fill(n, j -> 1.0), m - n);
    }

    /** (33): fᵢ = i·Σ j·xⱼ − 1; f* = m(m − 1)/(2(2m + 1)). */
    static TestProblem linearRankOne(int n, int m) {
        String total = "(" + sum(1, n, j -> j + "*x" + j) + ")";
        return new TestProblem(33, "Linear function, rank 1", names(n),
                each(1, m, i -> i + "*" + total + " - 1"),
                fill(n, j -> 1.0), m * (m - 1) / (2.0 * (2 * m + 1)));
    }

    /** (34): f₁ = fₘ = −1, fᵢ = (i − 1)·Σ₂≤ⱼ≤ₙ₋₁ j·xⱼ − 1; f* = (m² + 3m − 6)/(2(2m − 3)). */
    static TestProblem linearRankOneZeroColumnsAndRows(int n, int m) {
        String total = "(" + sum(2, n - 1, j -> j + "*x" + j) + ")";
        return new TestProblem(34, "Linear function, rank 1 with zero columns and rows", names(n),
                each(1, m, i -> i == 1 || i == m ? "-1" : (i - 1) + "*" + total + " - 1"),
                fill(n, j -> 1.0), (m * m + 3.0 * m - 6) / (2 * (2.0 * m - 3)));
    }

    static TestProblem watson(int n, double minimum) {
        List<String> r = each(1, 29, i -> {
            double t = i / 29.0;
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            for (int j = 2; j <= n; j++) a.append(j == 2 ? "" : " + ").append(num((j - 1) * Math.pow(t, j - 2))).append("*x").append(j);
            for (int j = 1; j <= n; j++) b.append(j == 1 ? "" : " + ").append(num(Math.pow(t, j - 1))).append("*x").append(j);
            return a + " - (" + b + ")^2 - 1";
        });
        r = new ArrayList<>(r);
        r.add("x1");
        r.add("x2 - x1^2 - 1");
        return new TestProblem(20, "Watson", names(n), r, new double[n], minimum);
    }

    static TestProblem penaltyOne(int n, double minimum) {
        List<String> r = new ArrayList<>(each(1, n, i -> "sqrt(1e-5)*(x" + i + " - 1)"));
        StringBuilder s = new StringBuilder();
        for (int j = 1; j <= n; j++) s.append(j == 1 ? "" : " + ").append("x").append(j).append("^2");
        r.add(s + " - 0.25");
        return new TestProblem(23, "Penalty I", names(n), r, fill(n, j -> (double) j), minimum);
    }

    static TestProblem penaltyTwo(int n, double minimum) {
        List<String> r = new ArrayList<>();
        r.add("x1 - 0.2");
        for (int i = 2; i <= n; i++) {
            double y = Math.exp(i / 10.0) + Math.exp((i - 1) / 10.0);
            r.add("sqrt(1e-5)*(exp(x" + i + "/10) + exp(x" + (i - 1) + "/10) - " + num(y) + ")");
        }
        for (int i = n + 1; i < 2 * n; i++) r.add("sqrt(1e-5)*(exp(x" + (i - n + 1) + "/10) - " + num(Math.exp(-0.1)) + ")");
        StringBuilder s = new StringBuilder();
        for (int j = 1; j <= n; j++) s.append(j == 1 ? "" : " + ").append(n - j + 1).append("*x").append(j).append("^2");
        r.add(s + " - 1");
        return new TestProblem(24, "Penalty II", names(n), r, fill(n, j -> 0.5), minimum);
    }

    static TestProblem variablyDimensioned(int n) {
        StringBuilder s = new StringBuilder();
        for (int j = 1; j <= n; j++) s.append(j == 1 ? "" : " + ").append(j).append("*(x").append(j).append(" - 1)");
        List<String> r = new ArrayList<>(each(1, n, i -> "x" + i + " - 1"));
        r.add(s.toString());
        r.add("(" + s + ")^2");
        return new TestProblem(25, "Variably dimensioned", names(n), r, fill(n, j -> 1 - (double) j / n), 0);
    }

    static TestProblem trigonometric(int n) {
        StringBuilder cosines = new StringBuilder();
        for (int j = 1; j <= n; j++) cosines.append(j == 1 ? "" : " + ").append("cos(x").append(j).append(")");
        return new TestProblem(26, "Trigonometric", names(n),
                each(1, n, i -> n + " - (" + cosines + ") + " + i + "*(1 - cos(x" + i + ")) - sin(x" + i + ")"),
                fill(n, j -> 1.0 / n), 0, 2.79506e-5);
    }

    static TestProblem brownAlmostLinear(int n) {
        StringBuilder sum = new StringBuilder(), product = new StringBuilder();
        for (int j = 1; j <= n; j++) {
            sum.append(j == 1 ? "" : " + ").append("x").append(j);
            product.append(j == 1 ? "" : "*").append("x").append(j);
        }
        List<String> r = new ArrayList<>(each(1, n - 1, i -> "x" + i + " + " + sum + " - " + (n + 1)));
        r.add(product + " - 1");
        return new TestProblem(27, "Brown almost-linear", names(n), r, fill(n, j -> 0.5), 0, 1);
    }

    /** Residual i: (1/n)Σⱼ Tᵢ(2xⱼ − 1) − ∫₀¹ Tᵢ(2t − 1)dt with the shifted Chebyshev polynomial expanded. */
    static TestProblem chebyquad(int n, double minimum) {
        List<String> r = each(1, n, i -> {
            long[] c = chebyshev(i);
            StringBuilder s = new StringBuilder("(");
            for (int j = 1; j <= n; j++) {
                s.append(j == 1 ? "" : " + ");
                StringBuilder poly = new StringBuilder();
                for (int k = 0; k < c.length; k++) {
                    if (c[k] == 0) continue;
                    poly.append(poly.isEmpty() ? "" : " + ").append(c[k]);
                    if (k > 0) poly.append("*(2*x").append(j).append(" - 1)^").append(k);
                }
                s.append('(').append(poly).append(')');
            }
            double integral = i % 2 == 1 ? 0 : -1.0 / (i * i - 1);
            return s + ")/" + n + " - (" + num(integral) + ")";
        });
        return new TestProblem(35, "Chebyquad", names(n), r, fill(n, j -> (double) j / (n + 1)), minimum);
    }

    /** Coefficients of Tᵢ in powers of its argument. */
    static long[] chebyshev(int i) {
        long[] previous = {1}, current = {0, 1};
        if (i == 0) return previous;
        for (int k = 1; k < i; k++) {
            long[] next = new long[current.length + 1];
            for (int m = 0; m < current.length; m++) next[m + 1] += 2 * current[m];
            for (int m = 0; m < previous.length; m++) next[m] -= previous[m];
            previous = current;
            current = next;
        }
        return current;
    }
}
