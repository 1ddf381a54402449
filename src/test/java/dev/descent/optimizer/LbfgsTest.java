package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.linalg.Vectors;
import dev.descent.problem.Problem;
import dev.descent.stopping.StopReason;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class LbfgsTest {
    // torch.optim.LBFGS defaults in the reference runs.
    private static final int MAX_ITER = 20, MAX_EVAL = 25;
    private static final double TOLERANCE_GRAD = 1e-7, TOLERANCE_CHANGE = 1e-9;

    static Stream<TorchReference> torchRuns() {
        return TorchReference.runs().stream().filter(r -> r.id().equals("lbfgs_strong_wolfe"));
    }

    /**
     * Groups inner iterations into torch {@code step(closure)} calls with torch's break rules
     * (max_iter, max_eval, tolerance_grad, tolerance_change) and compares, after every call, x to
     * relative 1e-10 and the cumulative evaluations and inner iterations exactly.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("torchRuns")
    void innerIterationsGroupedAsTorchStepCallsMatchTorch(TorchReference ref) {
        JsonNode p = ref.group();
        assertThat(p.get("max_iter").asInt()).isEqualTo(MAX_ITER);
        assertThat(p.get("max_eval").asInt()).isEqualTo(MAX_EVAL);
        LbfgsSpec spec = new LbfgsSpec(p.get("lr").asDouble(), p.get("history_size").asInt(), "strong-wolfe", TOLERANCE_CHANGE);
        double lr = spec.learningRate();
        Lbfgs lbfgs = (Lbfgs) spec.create(ref.problem(), k -> lr, 0);
        Iterate it = new Iterate(ref.problem(), ref.x0(), () -> {});
        JsonNode records = ref.records();
        long k = 0;
        for (int call = 1; call < records.size(); call++) {
            it.evaluate();   // torch evaluates the closure on entering step()
            long evals = 1;
            if (Vectors.normInf(it.g()) > TOLERANCE_GRAD) {
                for (int nIter = 1; nIter <= MAX_ITER; nIter++) {
                    double previousLoss = it.f();
                    long before = it.functionEvaluations();
                    Halt halt = lbfgs.step(it, ++k);
                    evals += it.functionEvaluations() - before;
                    if (halt != null) break;
                    if (nIter == MAX_ITER || evals >= MAX_EVAL || Vectors.normInf(it.g()) <= TOLERANCE_GRAD
                            || lbfgs.lastStepSize() <= TOLERANCE_CHANGE
                            || Math.abs(it.f() - previousLoss) < TOLERANCE_CHANGE) break;
                }
            }
            JsonNode rec = records.get(call);
            assertThat(TorchReference.relativeError(it.x(), TorchReference.vector(rec.get("x"))))
                    .as("x after step() call %d", call).isLessThanOrEqualTo(1e-10);
            assertThat(it.functionEvaluations()).as("func_evals after call %d", call).isEqualTo(rec.get("func_evals").asLong());
            assertThat(lbfgs.iterations()).as("n_iter after call %d", call).isEqualTo(rec.get("n_iter").asLong());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("torchRuns")
    void haltsWithoutDescentDirectionAtTorchsFinalPoint(TorchReference ref) {
        Lbfgs lbfgs = (Lbfgs) new LbfgsSpec(null, null, null, TOLERANCE_CHANGE).create(ref.problem(), k -> 1.0, 0);
        Iterate it = TestProblems.start(ref.problem(), ref.x0());
        Halt halt = run(lbfgs, it, 0, 1000);
        assertThat(halt).isNotNull();
        assertThat(halt.reason()).isEqualTo(StopReason.FUNCTION_TOLERANCE);
        assertThat(halt.message()).contains("no descent direction");
        JsonNode last = ref.records().get(ref.records().size() - 1);
        assertThat(TorchReference.relativeError(it.x(), TorchReference.vector(last.get("x")))).isLessThanOrEqualTo(1e-8);
    }

    @Test
    void solvesRosenbrockToGradientBelow1e10WithTightDescentTolerance() {
        Problem rosenbrock = TestProblems.rosenbrock();
        Lbfgs lbfgs = new Lbfgs(2, 10, true, k -> 1.0, 1e-30);
        Iterate it = TestProblems.start(rosenbrock, new double[] {-1.2, 1});
        run(lbfgs, it, 1e-10, 1000);
        assertThat(Vectors.normInf(it.g())).isLessThanOrEqualTo(1e-10);
        assertThat(Math.max(Math.abs(it.x()[0] - 1), Math.abs(it.x()[1] - 1))).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void firstStepWithoutLineSearchIsGradientScaledByItsL1Norm() {
        Problem quadratic = TestProblems.quadratic(new double[][] {{3, 0.5, 0}, {0.5, 2, 0.3}, {0, 0.3, 1}}, new double[] {1, -2, 0.5});
        Optimizer lbfgs = new LbfgsSpec(0.5, 3, "none", null).create(quadratic, k -> 0.5, 0);
        Iterate it = TestProblems.start(quadratic, new double[3]);
        // g₀ = −b = (−1, 2, −0.5), ‖g₀‖₁ = 3.5: x₁ = −min(1, 1/3.5)·0.5·g₀.
        lbfgs.step(it, 1);
        assertThat(it.x()).containsExactly(new double[] {0.5 / 3.5, -1 / 3.5, 0.25 / 3.5},
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(it.functionEvaluations()).isEqualTo(2);
    }

    @Test
    void lineSearchReturnsAStrongWolfePoint() {
        Problem rosenbrock = TestProblems.rosenbrock();
        Iterate it = TestProblems.start(rosenbrock, new double[] {-1.2, 1});
        double[] x = it.x().clone(), g = it.g().clone(), d = {-g[0], -g[1]}, gNew = new double[2];
        double gtd = Vectors.dot(g, d);
        StrongWolfe search = new StrongWolfe(2, 1e-9);
        double t = search.search(it, x, 1.0, d, it.f(), g, gtd, gNew);
        assertThat(t).isPositive();
        assertThat(search.value()).isLessThanOrEqualTo(it.f() + 1e-4 * t * gtd);
        assertThat(Math.abs(Vectors.dot(gNew, d))).isLessThanOrEqualTo(0.9 * Math.abs(gtd));
        assertThat(search.evaluations()).isEqualTo(it.functionEvaluations() - 1);
    }

    @Test
    void lineSearchExtrapolatesTenfoldUntilTheCurvatureConditionHolds() {
        // f = ½x² from x = 1 along d = −1: g'(t) = t − 1, so t = 1e-3 and 1e-2 fail |g'| ≤ 0.9 and the
        // cubic's exact minimiser t = 1 is clamped to 10t; t = 0.1 satisfies both conditions.
        Problem half = TestProblems.quadratic(new double[][] {{1}}, new double[] {0});
        Iterate it = TestProblems.start(half, new double[] {1});
        StrongWolfe search = new StrongWolfe(1, 1e-9);
        double[] gNew = new double[1];
        double t = search.search(it, new double[] {1}, 1e-3, new double[] {-1}, 0.5, new double[] {1}, -1, gNew);
        assertThat(t).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(search.evaluations()).isEqualTo(3);
        assertThat(gNew[0]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void lineSearchZoomsByCubicInterpolationAfterOvershooting() {
        // From t = 3 the Armijo test fails and brackets [0, 3]; the cubic through both ends of a
        // quadratic lands on its minimiser t = 1 at once.
        Problem half = TestProblems.quadratic(new double[][] {{1}}, new double[] {0});
        Iterate it = TestProblems.start(half, new double[] {1});
        StrongWolfe search = new StrongWolfe(1, 1e-9);
        double t = search.search(it, new double[] {1}, 3, new double[] {-1}, 0.5, new double[] {1}, -1, new double[1]);
        assertThat(t).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(search.evaluations()).isEqualTo(2);
        assertThat(search.value()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-24));
    }

    /** The run loop's essentials: step until a halt, the gradient tolerance, or the cap. */
    static Halt run(Optimizer optimizer, Iterate it, double gradientTolerance, int maxSteps) {
        for (int k = 1; k <= maxSteps && Vectors.normInf(it.g()) > gradientTolerance; k++) {
            Halt halt = optimizer.step(it, k);
            if (halt != null) return halt;
        }
        return null;
    }
}
