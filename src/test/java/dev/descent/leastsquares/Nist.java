package dev.descent.leastsquares;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NIST Statistical Reference Datasets for regression, read from the shared conformance folder
 * ({@code ../shared/conformance/nist/nist.json}, see its INDEX.md), and the log relative error.
 */
final class Nist {
    private Nist() {}

    /** One nonlinear problem: the model over b1…bk and x (x1, x2 for Nelson), data and certified values. */
    record Nonlinear(String name, String level, String model, List<String> parameters, List<String> variables,
                     double[][] x, double[] y, double[][] starts, double[] certified, double[] certifiedErrors,
                     double certifiedRss, double[] minpackLre) {}

    /** One linear problem: the design (with the intercept column when the model has one) and certified values. */
    record Linear(String name, String level, double[][] design, double[] y, double[] certified,
                  double[] certifiedErrors, double certifiedRss, double numpyQrLre) {}

    static Path folder() {
        return Path.of(System.getProperty("descent.shared", "../shared"), "conformance/nist");
    }

    static JsonNode root() {
        return JsonMapper.builder().build().readTree(folder().resolve("nist.json").toFile());
    }

    static List<Nonlinear> nonlinear() {
        List<Nonlinear> out = new ArrayList<>();
        for (JsonNode e : root().get("nonlinear")) {
            String name = e.get("name").asString();
            int p = e.get("n_params").asInt();
            List<String> parameters = new ArrayList<>();
            for (int j = 1; j <= p; j++) parameters.add("b" + j);
            double[] y = doubles(e.get("y"));
            double[][] x;
            List<String> variables;
            if (e.get("x").isNull()) {   // Nelson: two predictors, the response is log(y)
                double[] x1 = doubles(e.get("columns").get("x1")), x2 = doubles(e.get("columns").get("x2"));
                x = new double[y.length][];
                for (int i = 0; i < y.length; i++) x[i] = new double[] {x1[i], x2[i]};
                for (int i = 0; i < y.length; i++) y[i] = Math.log(y[i]);
                variables = List.of("x1", "x2");
            } else {
                double[] x1 = doubles(e.get("x"));
                x = new double[y.length][];
                for (int i = 0; i < y.length; i++) x[i] = new double[] {x1[i]};
                variables = List.of("x");
            }
            out.add(new Nonlinear(name, e.get("level").asString(), e.get("model").asString(), parameters, variables, x, y,
                    new double[][] {doubles(e.get("start1")), doubles(e.get("start2"))},
                    doubles(e.get("certified_params")), doubles(e.get("certified_param_sd")),
                    e.get("certified_rss").asDouble(), new double[] {
                            e.get("check").get("scipy_lm_lre").get("start1_exact").asDouble(),
                            e.get("check").get("scipy_lm_lre").get("start2_exact").asDouble()}));
        }
        return out;
    }

    static List<Linear> linear() {
        List<Linear> out = new ArrayList<>();
        for (JsonNode e : root().get("linear")) {
            double[] y = doubles(e.get("y"));
            JsonNode columns = e.get("x_columns");
            boolean intercept = e.get("intercept").asBoolean();
            JsonNode degree = e.get("polynomial_degree");
            List<double[]> cols = new ArrayList<>();
            if (intercept) {
                double[] ones = new double[y.length];
                java.util.Arrays.fill(ones, 1.0);
                cols.add(ones);
            }
            if (degree != null && !degree.isNull() && columns.size() == 1) {
                double[] x = doubles(columns.get("x"));
                for (int k = 1; k <= degree.asInt(); k++) {
                    double[] c = new double[y.length];
                    for (int i = 0; i < y.length; i++) c[i] = Math.pow(x[i], k);
                    cols.add(c);
                }
            } else {
                for (String key : columns.propertyNames()) cols.add(doubles(columns.get(key)));
            }
            double[][] design = new double[y.length][cols.size()];
            for (int i = 0; i < y.length; i++) for (int j = 0; j < cols.size(); j++) design[i][j] = cols.get(j)[i];
            out.add(new Linear(e.get("name").asString(), e.get("level").asString(), design, y,
                    doubles(e.get("certified_params")), doubles(e.get("certified_param_sd")),
                    e.get("certified_rss").asDouble(), e.get("check").get("lre_qr").asDouble()));
        }
        return out;
    }

    /**
     * Log relative error, the digits of agreement: −log10(|a − c|/|c|), or −log10|a| when c = 0,
     * capped at 11 (the certified digits) and floored at 0; the minimum over the entries.
     */
    static double lre(double[] actual, double[] certified) {
        double worst = 11;
        for (int j = 0; j < certified.length; j++) worst = Math.min(worst, lre(actual[j], certified[j]));
        return worst;
    }

    static double lre(double actual, double certified) {
        if (!Double.isFinite(actual)) return 0;
        double error = certified == 0 ? Math.abs(actual) : Math.abs(actual - certified) / Math.abs(certified);
        if (error == 0) return 11;
        return Math.max(0, Math.min(11, -Math.log10(error)));
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }
}
