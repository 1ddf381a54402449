package dev.descent.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.problem.LinearLeastSquaresSpec;
import dev.descent.problem.Problem;
import dev.descent.problem.RowSampled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Minibatch sampling: without replacement per epoch, seeded, and used by every first-order optimizer. */
class MinibatchTest {

    /** Least squares with m rows of a noisy line, for which the full objective is known. */
    private static Problem rows(int m) {
        Random random = new Random(11);
        double[][] a = new double[m][];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            double t = random.nextDouble() * 4 - 2;
            a[i] = new double[] {1, t};
            b[i] = 0.5 + 2 * t + 0.1 * random.nextGaussian();
        }
        return new LinearLeastSquaresSpec(a, b, null).create();
    }

    private static List<int[]> batches(RowSampled problem, int size, long seed, int count) {
        Minibatches batches = new Minibatches(problem, size, seed);
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            batches.next();
            out.add(batches.batch());
        }
        return out;
    }

    @Test
    void everyRowIsSampledExactlyOncePerEpoch() {
        RowSampled problem = (RowSampled) rows(10);
        List<int[]> drawn = batches(problem, 3, 5, 12);   // 4 batches per epoch: 3 + 3 + 3 + 1
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] rows = drawn.subList(4 * epoch, 4 * epoch + 4).stream().flatMapToInt(Arrays::stream).sorted().toArray();
            assertThat(rows).as("epoch %d", epoch).containsExactly(IntStream.range(0, 10).toArray());
            assertThat(drawn.get(4 * epoch + 3)).hasSize(1);
        }
        assertThat(drawn.get(0)).isNotEqualTo(drawn.get(4));  // reshuffled between epochs
    }

    @Test
    void aSeedFixesTheBatches() {
        RowSampled problem = (RowSampled) rows(20);
        assertThat(batches(problem, 4, 9, 15)).usingRecursiveComparison().isEqualTo(batches(problem, 4, 9, 15));
        assertThat(batches(problem, 4, 9, 15)).usingRecursiveComparison().isNotEqualTo(batches(problem, 4, 10, 15));
    }

    @Test
    void aBatchLargerThanTheDataIsAllOfIt() {
        RowSampled problem = (RowSampled) rows(6);
        assertThat(batches(problem, 100, 1, 1).get(0)).hasSize(6);
    }

    private static double[] run(String type, long seed, Integer batchSize, int steps) {
        Problem problem = rows(40);
        OptimizerSpec spec = new tools.jackson.databind.json.JsonMapper().readValue(
                "{\"type\":\"" + type + "\",\"learningRate\":0.005" + (batchSize == null ? "" : ",\"batchSize\":" + batchSize) + "}",
                OptimizerSpec.class);
        Optimizer optimizer = spec.create(problem, k -> 0.005, seed);
        Iterate it = TestProblems.start(problem, new double[2]);
        for (int t = 1; t <= steps; t++) optimizer.step(it, t);
        return it.x().clone();
    }

    @Test
    void minibatchRunsAreDeterministicForASeedAndDifferFromFullBatch() {
        for (String type : List.of("sgd", "momentum", "adam", "rmsprop", "adagrad")) {
            assertThat(run(type, 3, 8, 50)).as(type).containsExactly(run(type, 3, 8, 50));
            assertThat(run(type, 3, 8, 50)).as(type).isNotEqualTo(run(type, 4, 8, 50));
            assertThat(run(type, 3, 8, 50)).as(type).isNotEqualTo(run(type, 3, null, 50));
        }
    }

    @Test
    void aBatchOfAllRowsIsTheFullGradient() {
        double[] full = run("sgd", 3, null, 30), all = run("sgd", 3, 40, 30);
        assertThat(TorchReference.relativeError(all, full)).isLessThan(1e-12);
    }

    @Test
    void minibatchSgdFitsTheLine() {
        double[] x = run("sgd", 1, 4, 3000);
        assertThat(x[0]).isBetween(0.4, 0.6);
        assertThat(x[1]).isBetween(1.9, 2.1);
    }

    @Test
    void stepsUseTheMinibatchGradientAndReportTheFullObjective() {
        Problem problem = rows(40);
        RuleOptimizer sgd = (RuleOptimizer) new SgdSpec(0.01, null, null, null, null, null, null, null, 5).create(problem, k -> 0.01, 7);
        Iterate it = TestProblems.start(problem, new double[2]);
        double[] x0 = it.x().clone();
        sgd.step(it, 1);
        int[] batch = sgd.batches().batch();
        double[] g = new double[2];
        ((RowSampled) problem).valueAndGradient(x0, g, batch, 0, batch.length);
        assertThat(it.x()).containsExactly(x0[0] - 0.01 * g[0], x0[1] - 0.01 * g[1]);
        assertThat(it.f()).isEqualTo(problem.value(it.x()));
        assertThat(it.functionEvaluations()).isEqualTo(2);
    }

    @Test
    void withoutRowsBatchSizeFallsBackToTheFullGradient() {
        Problem sphere = TestProblems.quadratic(new double[][] {{1}}, new double[] {0});
        RuleOptimizer gd = (RuleOptimizer) new GdSpec(0.1, null, null, null, null, 4).create(sphere, k -> 0.1, 0);
        assertThat(gd.batches()).isNull();
    }
}
