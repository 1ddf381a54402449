package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.linalg.Vectors;
import dev.descent.problem.LogisticRegressionSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.Problems;
import dev.descent.spec.Limits;
import dev.descent.stopping.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * lbfgs on l1-penalized logistic regression takes OWL-QN steps; its answer is checked by the
 * first-order conditions of the l1 problem, with ∇s (the smooth part's gradient) from the same
 * model built without the l1 term: |∇sⱼ| ≤ λ where wⱼ = 0 and ∇sⱼ = −λ·sign(wⱼ) otherwise, the
 * intercept's derivative 0.
 */
class OwlqnTest {

    /** Seeded data: m rows, n features of which only the first four carry signal. */
    static LogisticRegressionSpec data(double l2, double l1, long seed) {
        Random random = new Random(seed);
        int m = 300, n = 20;
        double[][] x = new double[m][n];
        List<Object> labels = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            double z = 0.3;
            for (int j = 0; j < n; j++) {
                x[i][j] = random.nextGaussian();
                if (j < 4) z += (j % 2 == 0 ? 1.5 : -1) * x[i][j];
            }
            labels.add(random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
        }
        return new LogisticRegressionSpec(x, labels, l2, l1, true, null);
    }

    @Test
    void l1LogisticRegressionMeetsTheFirstOrderConditionsWithExactZeros() {
        for (double[] penalty : new double[][] {{0, 0.02}, {1e-3, 0.05}, {0, 0.005}}) {
            double l2 = penalty[0], lambda = penalty[1];
            Problems problems = new Problems(Limits.defaults());
            Problem l1Problem = problems.create(data(l2, lambda, 5));
            Problem smooth = problems.create(data(l2, 0, 5));
            Optimizer lbfgs = new LbfgsSpec(null, null, null, null).create(l1Problem, k -> 1.0, 0);
            Iterate it = TestProblems.start(l1Problem, new double[l1Problem.dimension()]);
            Halt halt = LbfgsTest.run(lbfgs, it, 1e-10, 2000);
            // either ◇f ≤ 1e-10, or no step decreases f any more in floating point
            if (halt != null) assertThat(halt.reason()).as("halt at l1 = %s", lambda).isEqualTo(StopReason.STEP_TOLERANCE);
            assertThat(Vectors.normInf(it.g())).as("|◇f| (the iterate's gradient)").isLessThanOrEqualTo(1e-9);
            assertThat(it.functionEvaluations()).isLessThan(1000);
            double[] w = it.x(), grad = new double[w.length];
            smooth.valueAndGradient(w, grad);
            int n = w.length - 1, zeros = 0;
            for (int j = 0; j < n; j++) {
                if (w[j] == 0) {
                    zeros++;
                    assertThat(Math.abs(grad[j])).as("|∇s| at zero weight %d, l1 = %s", j, lambda)
                            .isLessThanOrEqualTo(lambda + 1e-10);
                } else {
                    assertThat(grad[j]).as("∇s at weight %d, l1 = %s", j, lambda)
                            .isCloseTo(-lambda * Math.signum(w[j]), within(1e-9));
                }
            }
            assertThat(grad[n]).as("intercept derivative").isCloseTo(0, within(1e-9));
            assertThat(zeros).as("exact zeros at l1 = %s", lambda).isGreaterThanOrEqualTo(lambda >= 0.02 ? 10 : 1);
            for (int j = 0; j < 4; j++) assertThat(w[j]).as("informative weight %d", j).isNotZero();
        }
    }

    @Test
    void withoutAnL1TermTheStepsArePlainLbfgs() {
        Problems problems = new Problems(Limits.defaults());
        Problem problem = problems.create(data(1e-2, 0, 6));
        Optimizer viaSpec = new LbfgsSpec(null, null, null, null).create(problem, k -> 1.0, 0);
        Lbfgs plain = new Lbfgs(problem.dimension(), 10, true, k -> 1.0, 0);
        Iterate a = TestProblems.start(problem, new double[problem.dimension()]);
        Iterate b = TestProblems.start(problem, new double[problem.dimension()]);
        for (int k = 1; k <= 8; k++) {
            viaSpec.step(a, k);
            plain.step(b, k);
            assertThat(a.x()).containsExactly(b.x());
        }
    }
}
