package dev.descent.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.descent.linalg.DenseRows;
import dev.descent.linalg.SparseRows;
import dev.descent.problem.DataTable;
import dev.descent.spec.InvalidRequestException;
import dev.descent.spec.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** Storage: what an upload stores is what a restarted service loads back. */
class DatasetServiceTest {
    @TempDir
    Path dir;

    /** One database for the test, as nodes share one. */
    final javax.sql.DataSource database = migrated();

    static javax.sql.DataSource migrated() {
        var ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:datasets-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        org.flywaydb.core.Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    DatasetService service() throws IOException {
        return service(dir);
    }

    /** A node with its own cache directory on the shared database. */
    DatasetService service(Path cache) throws IOException {
        var s = new DatasetService(cache, Limits.defaults(), new StaticListableBeanFactory().getBeanProvider(DatasetUsage.class),
                database, new org.springframework.jdbc.datasource.DataSourceTransactionManager(database),
                new dev.descent.security.ClientQuotas(new dev.descent.security.SecurityProperties(false, null,
                        new dev.descent.security.SecurityProperties.RateLimit(50, 10),
                        new dev.descent.security.SecurityProperties.Quota(1000, org.springframework.util.unit.DataSize.ofGigabytes(10)))),
                dev.descent.store.Durability.COMMITS);
        s.loadStored();
        return s;
    }

    @Test
    void aDatasetUploadedOnOneNodeIsServedByAnotherAndDeletedForBoth() throws IOException {
        DatasetService a = service(dir.resolve("node-a")), b = service(dir.resolve("node-b"));
        Dataset d = a.upload("d", "y", DatasetFormat.CSV, text("a,y,b\n1.5,x,-2\n0.1,z,3e-5\n"), "body");
        assertThat(b.list()).extracting(Dataset::id).containsExactly(d.id());
        DataTable onB = b.find(d.id()).orElseThrow();
        assertThat(((DenseRows) onB.features()).values()).containsExactly(1.5, -2, 0.1, 3e-5);
        assertThat(Files.exists(dir.resolve("node-b/datasets/" + d.id() + ".bin"))).as("fetched into b's cache").isTrue();
        b.delete(d.id());
        assertThat(a.find(d.id())).isEmpty();
        assertThat(a.list()).isEmpty();
    }

    static ByteArrayInputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void datasetsSurviveARestartBitForBit() throws IOException {
        DatasetService first = service();
        Dataset dense = first.upload("d", "y", DatasetFormat.CSV, text("a,y,b\n1.5,x,-2\n0.1,z,3e-5\n"), "body");
        Dataset sparse = first.upload("s", null, DatasetFormat.LIBSVM, text("-1 2:0.5 7:1\n+1 qid:4 1:2\n"), "body");
        DatasetService second = service();
        assertThat(second.list()).extracting(Dataset::id).containsExactly(sparse.id(), dense.id());
        DataTable d = second.find(dense.id()).orElseThrow();
        assertThat(d.ready()).isTrue();
        assertThat(((DenseRows) d.features()).values()).containsExactly(1.5, -2, 0.1, 3e-5);
        assertThat(d.labels()).containsExactly(0, 1);
        assertThat(d.classes()).containsExactly("x", "z");
        DataTable s = second.find(sparse.id()).orElseThrow();
        SparseRows rows = (SparseRows) s.features();
        assertThat(rows.columns()).isEqualTo(7);
        assertThat(rows.rowStart()).containsExactly(0, 2, 3);
        assertThat(rows.columnIndex()).containsExactly(1, 6, 0);
        assertThat(rows.values()).containsExactly(0.5, 1, 2);
        assertThat(s.labels()).containsExactly(-1, 1);
        assertThat(second.get(sparse.id()).featureNames()).hasSize(7).startsWith("f1");
    }

    @Test
    void aDamagedCacheIsFetchedAgainDamagedStoredDataAreFailedAndAFailedUploadLeavesNothingBehind() throws IOException {
        DatasetService first = service();
        Dataset d = first.upload("d", null, DatasetFormat.CSV, text("a,y\n1,0\n2,1\n"), "body");
        assertThatThrownBy(() -> first.upload("bad", null, DatasetFormat.CSV, text("a,y\n1,0\nx,1\n"), "body"))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(first.list()).hasSize(1);
        try (var files = Files.list(dir.resolve("datasets"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly(d.id() + ".bin");
        }
        Files.write(dir.resolve("datasets").resolve(d.id() + ".bin"), new byte[] {1, 2, 3});
        DataTable again = service().find(d.id()).orElseThrow();
        assertThat(again.ready()).isTrue();
        assertThat(((DenseRows) again.features()).values()).containsExactly(1, 2);

        org.springframework.jdbc.core.simple.JdbcClient.create(database)
                .sql("UPDATE dataset_chunks SET data = ? WHERE dataset_id = ?").params(new byte[] {1, 2, 3}, d.id()).update();
        Files.delete(dir.resolve("datasets").resolve(d.id() + ".bin"));
        DatasetService fresh = service();
        assertThat(fresh.find(d.id()).orElseThrow().ready()).isFalse();
        Dataset failed = fresh.get(d.id());
        assertThat(failed.status()).isEqualTo(Dataset.FAILED);
        assertThat(failed.error()).contains("could not be read");
    }

    @Test
    void manyDistinctNumericLabelsAreARegressionTarget() throws IOException {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 150; i++) csv.append(i).append(',').append(i * 0.5).append('\n');
        Dataset d = service().upload("r", null, DatasetFormat.CSV, text(csv.toString()), "body");
        assertThat(d.classes()).isNull();
        assertThat(d.stringLabels()).isFalse();
        assertThat(List.of(d.rows(), d.columns())).containsExactly(150, 1);
    }
}
