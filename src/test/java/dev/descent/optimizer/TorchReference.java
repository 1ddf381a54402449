package dev.descent.optimizer;

import dev.descent.problem.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The torch.optim reference trajectories in {@code shared/conformance/optimizers} (read in place). */
record TorchReference(String file, Problem problem, double[] x0, JsonNode run) {

    static Path directory() {
        return Path.of(System.getProperty("descent.shared", "../shared"), "conformance/optimizers");
    }

    static List<TorchReference> runs() {
        List<TorchReference> all = new ArrayList<>();
        JsonMapper mapper = new JsonMapper();
        for (String file : List.of("quadratic.json", "rosenbrock.json")) {
            JsonNode root = mapper.readTree(directory().resolve(file).toFile());
            Problem problem = switch (root.get("problem").asString()) {
                case "quadratic" -> TestProblems.quadratic(matrix(root.get("data").get("A")), vector(root.get("data").get("b")));
                case "rosenbrock" -> TestProblems.rosenbrock();
                default -> throw new IllegalStateException("unknown problem in " + file);
            };
            JsonNode runs = root.get("runs");
            for (int i = 0; i < runs.size(); i++) all.add(new TorchReference(file, problem, vector(root.get("x0")), runs.get(i)));
        }
        return all;
    }

    String id() {
        return run.get("id").asString();
    }

    JsonNode group() {
        return run.get("torch_param_group");
    }

    JsonNode records() {
        return run.get("records");
    }

    @Override
    public String toString() {
        return file + ":" + id();
    }

    static double[] vector(JsonNode node) {
        double[] v = new double[node.size()];
        for (int i = 0; i < v.length; i++) v[i] = node.get(i).asDouble();
        return v;
    }

    static double[][] matrix(JsonNode node) {
        double[][] m = new double[node.size()][];
        for (int i = 0; i < m.length; i++) m[i] = vector(node.get(i));
        return m;
    }

    /** ‖x − ref‖∞ / max(‖ref‖∞, 1e-12), the README's relative error of a point. */
    static double relativeError(double[] x, double[] ref) {
        double diff = 0, scale = 0;
        for (int i = 0; i < ref.length; i++) {
            diff = Math.max(diff, Math.abs(x[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        return diff / Math.max(scale, 1e-12);
    }
}
