package dev.descent.api;

/** Worked request bodies shown in Swagger UI, one per problem type; each is a job that runs as is. */
final class JobExamples {
    private JobExamples() {}

    static final String ROSENBROCK_ADAM = """
            {"name": "rosenbrock with adam",
             "problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
             "optimizer": {"type": "adam", "learningRate": 0.01},
             "schedule": {"type": "cosine", "decaySteps": 5000, "minLearningRate": 0.0},
             "stopping": {"maxIterations": 5000, "gradientTolerance": 1e-8, "timeLimit": "PT30S"},
             "initialPoint": [-1.2, 1.0], "seed": 42,
             "recording": {"every": 1, "includePoint": false}}""";

    static final String QUADRATIC = """
            {"name": "ill-conditioned quadratic with momentum",
             "problem": {"type": "quadratic", "a": [[3, 0.5, 0], [0.5, 2, 0.3], [0, 0.3, 1]], "b": [1, -2, 0.5]},
             "optimizer": {"type": "momentum", "learningRate": 0.1, "momentum": 0.9},
             "stopping": {"maxIterations": 1000, "gradientTolerance": 1e-10}}""";

    static final String DIAGONAL_QUADRATIC = """
            {"problem": {"type": "quadratic", "diagonal": [1, 10, 100], "b": [1, 1, 1]},
             "optimizer": {"type": "gd", "learningRate": 0.019},
             "stopping": {"maxIterations": 5000}}""";

    static final String LINEAR_LEAST_SQUARES = """
            {"name": "straight line fit",
             "problem": {"type": "linear-least-squares",
                         "a": [[1, 0], [1, 1], [1, 2], [1, 3], [1, 4]], "b": [1.1, 2.9, 5.2, 7.1, 8.8]},
             "optimizer": {"type": "lbfgs"}}""";

    /** Hours studied and exam outcome: the worked example of Wikipedia's "Logistic regression" article. */
    static final String LOGISTIC_REGRESSION = """
            {"name": "pass or fail",
             "problem": {"type": "logistic-regression",
                         "features": [[0.5], [0.75], [1.0], [1.25], [1.5], [1.75], [1.75], [2.0], [2.25], [2.5],
                                      [2.75], [3.0], [3.25], [3.5], [4.0], [4.25], [4.5], [4.75], [5.0], [5.5]],
                         "labels": ["fail", "fail", "fail", "fail", "fail", "fail", "pass", "fail", "pass", "fail",
                                    "pass", "fail", "pass", "fail", "pass", "pass", "pass", "pass", "pass", "pass"],
                         "featureNames": ["hours"]},
             "optimizer": {"type": "newton"}}""";

    static final String HIMMELBLAU_LBFGS = """
            {"problem": {"type": "function", "name": "himmelblau"},
             "optimizer": {"type": "lbfgs", "history": 5},
             "initialPoint": [-1, 1],
             "recording": {"includePoint": true}}""";
}
