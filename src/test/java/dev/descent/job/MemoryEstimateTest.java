package dev.descent.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import dev.descent.linalg.DenseRows;
import dev.descent.linalg.SparseRows;
import dev.descent.optimizer.OptimizerSpec;
import dev.descent.problem.DataTable;
import dev.descent.linalg.KernelPool;
import dev.descent.problem.Problems;
import dev.descent.spec.Limits;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.junit.jupiter.api.Test;

/** The memory model of {@link MemoryEstimate}, term by term, against what the runs allocate. */
class MemoryEstimateTest {
    static final int CAP = 1_000_000;
    /** Datasets the specs find by id, as the dataset service serves them in the running service. */
    static final Map<String, DataTable> TABLES = new ConcurrentHashMap<>();

    static {
        new Problems(Limits.defaults(), List.of(id -> Optional.ofNullable(TABLES.get(id))),
                new StaticListableBeanFactory(Map.of("pool", KernelPool.SEQUENTIAL)).getBeanProvider(KernelPool.class));
    }

    /** A dataset under a fresh id; returns the id. */
    static String register(DataTable table) {
        String id = UUID.randomUUID().toString();
        TABLES.put(id, new DataTable(id, table.status(), table.features(), table.labels(), table.classes(),
                table.stringLabels(), table.featureNames(), table.label()));
        return id;
    }

    static JobRequest request(String json) {
        return Api.JSON.readValue(json, JobRequest.class);
    }

    static MemoryEstimate estimate(String json) {
        return estimate(json, null);
    }

    static MemoryEstimate estimate(String json, DataTable data) {
        JobRequest r = request(json);
        OptimizerSpec optimizer = r.optimizer() != null ? r.optimizer() : OptimizerSpec.defaultFor(r.problem());
        return MemoryEstimate.of(r, optimizer, data, CAP);
    }

    static String sphere(int n, String optimizer) {
        return "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\", \"dimension\": " + n + "}, \"optimizer\": "
                + optimizer + "}";
    }

    @Test
    void lbfgsKeepsTwoVectorsAndTwoNumbersPerHistoryPair() {
        int n = 5000;
        long ten = estimate(sphere(n, "{\"type\": \"lbfgs\", \"history\": 10}")).optimizer();
        long twenty = estimate(sphere(n, "{\"type\": \"lbfgs\", \"history\": 20}")).optimizer();
        assertThat(twenty - ten).isEqualTo(8L * 10 * (2L * n + 2));
        assertThat(estimate(sphere(n, "{\"type\": \"lbfgs\"}")).optimizer()).as("history 10 by default").isEqualTo(ten);
    }

    @Test
    void bfgsHoldsTheDenseInverseHessianAndNewtonThreeDenseMatrices() {
        int n = 3000;
        long dense = 8L * n * n;
        long bfgs = estimate(sphere(n, "{\"type\": \"bfgs\"}")).optimizer();
        long newton = estimate(sphere(n, "{\"type\": \"newton\"}")).optimizer();
        long lbfgs = estimate(sphere(n, "{\"type\": \"lbfgs\"}")).optimizer();
        assertThat(bfgs).isBetween(dense, dense + 8L * 20 * n);
        assertThat(newton).isBetween(3 * dense, 3 * dense + 8L * 20 * n);
        assertThat(lbfgs).isLessThan(8L * 40 * n);
        long doubled = estimate(sphere(2 * n, "{\"type\": \"bfgs\"}")).optimizer();
        assertThat((double) doubled / bfgs).as("quadratic in n").isBetween(3.9, 4.0);
    }

    @Test
    void firstOrderStateIsAFewVectors() {
        int n = 100_000;
        MemoryEstimate adam = estimate(sphere(n, "{\"type\": \"adam\", \"amsgrad\": true}"));
        assertThat(adam.optimizer()).isBetween(8L * 3 * n, 8L * 6 * n);
        assertThat(adam.run()).isBetween(8L * 4 * n, 8L * 16 * n);
    }

    @Test
    void theTrajectoryHoldsFiveNumbersPerPointAndThePointWhenRecordedUpToTheCap() {
        int n = 200;
        String noPoints = "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\", \"dimension\": " + n + "},"
                + " \"stopping\": {\"maxIterations\": 98}}";
        String points = noPoints.replace("}}", "}, \"recording\": {\"includePoint\": true}}");
        String sparse = points.replace("\"includePoint\": true", "\"includePoint\": true, \"every\": 10");
        // k = 0..98: 99 points, or 0, 10, …, 90 and the last: 11 points; each kept twice over while copied
        assertThat(estimate(noPoints).trajectory()).isEqualTo(2L * 100 * 40);
        assertThat(estimate(points).trajectory()).isEqualTo(2L * 100 * (40 + 8L * n));
        assertThat(estimate(sparse).trajectory()).isEqualTo(2L * 11 * (40 + 8L * n));
        String long_ = points.replace("\"maxIterations\": 98", "\"maxIterations\": 10000000");
        assertThat(estimate(long_).trajectory()).as("at most the store's cap").isEqualTo(2L * CAP * (40 + 8L * n));
    }

    @Test
    void aDatasetIsCountedOnceAtTheSizeOfItsArrays() {
        int m = 5000, n = 40;
        Random random = new Random(7);
        double[] values = new double[m * n], labels = new double[m];
        for (int i = 0; i < values.length; i++) values[i] = random.nextGaussian();
        for (int i = 0; i < m; i++) labels[i] = random.nextInt(2);
        DataTable table = TABLES.get(register(new DataTable("d", "READY", new DenseRows(values, m, n), labels,
                List.of(0.0, 1.0), false, null, "y")));
        String logistic = "{\"problem\": {\"type\": \"logistic-regression\", \"dataset\": \"%s\"}, \"optimizer\": %s}";
        MemoryEstimate lbfgs = estimate(logistic.formatted(table.id(), "{\"type\": \"lbfgs\"}"), table);
        assertThat(lbfgs.dataset()).isEqualTo(8L * (values.length + labels.length));
        assertThat(lbfgs.data()).as("the problem views the dataset: per-row vectors only").isLessThan(8L * 4 * m);

        // the same numbers sent inline are held by the request and copied into the problem
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < m; i++) rows.append(i > 0 ? "," : "").append("[0").append(",0".repeat(n - 1)).append("]");
        String inline = "{\"problem\": {\"type\": \"logistic-regression\", \"features\": " + rows + "], \"labels\": "
                + "[0" + ",1".repeat(m - 1) + "]}}";
        MemoryEstimate sent = estimate(inline);
        assertThat(sent.dataset()).isZero();
        assertThat(sent.data()).isGreaterThanOrEqualTo(2L * 8 * m * n);

        SparseRows sparse = new SparseRows(new int[] {0, 2, 3}, new int[] {0, 5, 1}, new double[] {1, 2, 3}, 2, 6);
        DataTable sparseTable = TABLES.get(register(new DataTable("s", "READY", sparse, new double[] {0, 1},
                List.of(0.0, 1.0), false, null, "y")));
        assertThat(estimate(logistic.formatted(sparseTable.id(), "{\"type\": \"lbfgs\"}"), sparseTable).dataset())
                .isEqualTo(3 * 8 + 3 * 4 + 3 * 4 + 2 * 8);
    }

    @Test
    void directSolversCountTheirDenseCopyOfTheDesignAndIterativeOnesDoNot() {
        int m = 5000, n = 20;
        DataTable table = TABLES.get(register(new DataTable("d", "READY", new DenseRows(new double[m * n], m, n),
                new double[m], null, false, null, "y")));
        String lls = "{\"problem\": {\"type\": \"linear-least-squares\", \"dataset\": \"" + table.id()
                + "\"}, \"optimizer\": %s}";
        long qr = estimate(lls.formatted("{\"type\": \"qr\"}"), table).optimizer();
        long svd = estimate(lls.formatted("{\"type\": \"svd\"}"), table).optimizer();
        long cg = estimate(lls.formatted("{\"type\": \"linear-cg\"}"), table).optimizer();
        assertThat(qr).isGreaterThanOrEqualTo(3L * 8 * m * n);
        assertThat(svd).isGreaterThan(qr);
        assertThat(cg).isLessThan(8L * 10 * n);
    }

    @Test
    void theTotalIsTheSumAndTheFieldNamesTheLargestPart() {
        MemoryEstimate bfgs = estimate(sphere(4000, "{\"type\": \"bfgs\"}"));
        assertThat(bfgs.total()).isEqualTo(bfgs.parts().values().stream().mapToLong(Long::longValue).sum());
        assertThat(bfgs.field()).isEqualTo("optimizer.type");
        String recorded = "{\"problem\": {\"type\": \"function\", \"name\": \"sphere\", \"dimension\": 100000},"
                + " \"recording\": {\"includePoint\": true}}";
        assertThat(estimate(recorded).field()).isEqualTo("recording");
        String dense = "{\"problem\": {\"type\": \"quadratic\", \"a\": [[2, 1], [1, 2]]}, \"optimizer\": {\"type\": \"gd\"},"
                + " \"stopping\": {\"maxIterations\": 0}}";
        assertThat(estimate(dense).field()).isEqualTo("problem");
    }
}
