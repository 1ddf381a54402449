package dev.descent.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.descent.spec.Capability;
import dev.descent.spec.SpecTypes;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Minibatch evaluations of the dataset problems: unbiased, exact over all rows, penalty in full. */
class RowSampledTest {

    static Stream<ProblemSpec> datasetProblems() {
        Random random = new Random(7);
        double[][] a = Derivatives.randomMatrix(random, 12, 3);
        List<Object> binary = List.of(0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 0);
        List<Object> three = List.of("a", "b", "c", "a", "b", "c", "a", "a", "b", "c", "c", "b");
        return Stream.of(
                new LinearLeastSquaresSpec(a, Derivatives.randomPoint(random, 12, 3), 0.4),
                new LogisticRegressionSpec(a, binary, 0.3, 0.05, true, null),
                new LogisticRegressionSpec(a, three, 0.2, 0.05, true, null));
    }

    private static int[] identity(int m) {
        int[] rows = new int[m];
        for (int i = 0; i < m; i++) rows[i] = i;
        return rows;
    }

    @ParameterizedTest @MethodSource("datasetProblems")
    void allRowsGiveTheFullObjectiveAndGradient(ProblemSpec spec) {
        Problem p = spec.create();
        RowSampled sampled = (RowSampled) p;
        assertThat(sampled.rows()).isEqualTo(12);
        double[] x = Derivatives.randomPoint(new Random(3), p.dimension(), 1);
        double[] full = new double[p.dimension()], batch = new double[p.dimension()];
        double f = p.valueAndGradient(x, full);
        int[] reversed = new int[12];
        for (int i = 0; i < 12; i++) reversed[i] = 11 - i;
        assertThat(sampled.valueAndGradient(x, batch, reversed, 0, 12)).isCloseTo(f, within(1e-12));
        for (int j = 0; j < full.length; j++) assertThat(batch[j]).isCloseTo(full[j], within(1e-12));
    }

    @ParameterizedTest @MethodSource("datasetProblems")
    void batchesOfAPartitionAverageToTheFullObjective(ProblemSpec spec) {
        // Equal batches of a partition: their mean is the mean of E over one draw, i.e. f exactly.
        Problem p = spec.create();
        RowSampled sampled = (RowSampled) p;
        double[] x = Derivatives.randomPoint(new Random(5), p.dimension(), 1);
        double[] full = new double[p.dimension()], batch = new double[p.dimension()], mean = new double[p.dimension()];
        double f = p.valueAndGradient(x, full), meanF = 0;
        int[] rows = {3, 7, 11, 0, 5, 9, 2, 4, 8, 1, 6, 10};
        for (int from = 0; from < 12; from += 3) {
            meanF += sampled.valueAndGradient(x, batch, rows, from, from + 3) / 4;
            for (int j = 0; j < mean.length; j++) mean[j] += batch[j] / 4;
        }
        assertThat(meanF).isCloseTo(f, within(1e-12));
        for (int j = 0; j < full.length; j++) assertThat(mean[j]).isCloseTo(full[j], within(1e-12));
    }

    @Test
    void leastSquaresBatchScalesTheSumOfSquaresToAllRows() {
        var p = (RowSampled) new LinearLeastSquaresSpec(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {1, 2, 4}, 2.0).create();
        // Row 2 alone at x = (1, 1): r = −2, so (3/1)·½·4 + ½·2·2, gradient 3·(−2)·(1, 1) + 2·(1, 1).
        double[] g = new double[2];
        assertThat(p.valueAndGradient(new double[] {1, 1}, g, new int[] {2}, 0, 1)).isEqualTo(8.0);
        assertThat(g).containsExactly(-4, -4);
    }

    @Test
    void datasetProblemsDeclareTheCapability() {
        assertThat(SpecTypes.provides(LinearLeastSquaresSpec.class)).contains(Capability.DATASET);
        assertThat(SpecTypes.provides(LogisticRegressionSpec.class)).contains(Capability.DATASET);
        assertThat(SpecTypes.provides(QuadraticSpec.class)).doesNotContain(Capability.DATASET);
        assertThat(SpecTypes.provides(FunctionSpec.class)).doesNotContain(Capability.DATASET);
    }
}
