package dev.descent.job;

import dev.descent.engine.RecordingSpec;
import dev.descent.optimizer.GdSpec;
import dev.descent.problem.FunctionSpec;
import dev.descent.stopping.StopReason;
import dev.descent.stopping.StoppingSpec;
import dev.descent.store.Durability;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * What recording a point costs the run's thread: {@link ChunkWriter#append} of a run of 200,000
 * points (with x of {@code width} coordinates, or none) into the real writer of the JDBC store (an in-memory H2, chunks held back for a
 * second as in the service), a fresh run per invocation. Time per point; the store's work happens
 * after the run, outside the measured loop.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrajectoryAppendBenchmark {
    static final int POINTS = 200_000;
    @Param({"0", "4"})
    public int width;
    private double[] point;
    private final JobIds ids = new JobIds();
    private JdbcJobRepository repository;
    private Job job;
    private JobRepository.TrajectoryWriter writer;

    @Setup(Level.Trial)
    public void store() {
        var ds = new DriverManagerDataSource("jdbc:h2:mem:append;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        repository = new JdbcJobRepository(JdbcClient.create(ds), new TransactionTemplate(new DataSourceTransactionManager(ds)),
                JsonMapper.builder().build(), 1_000_000, true, false, Durability.COMMITS, Duration.ofSeconds(1));
    }

    @Setup(Level.Invocation)
    public void run() {
        int dimension = Math.max(2, width);
        point = width == 0 ? null : new double[width];
        JobRequest request = new JobRequest(null, new FunctionSpec("sphere", dimension),
                new GdSpec(null, null, null, null, null, null), null, StoppingSpec.defaults(), null, 1L,
                new RecordingSpec(null, width > 0), false)
                .completed(new GdSpec(null, null, null, null, null, null), 1);
        job = new Job(ids.next(), request, "function", "gd", dimension, Instant.now(), null, "bench").claimedBy("bench", 1);
        repository.insert(job);
        writer = repository.trajectoryWriter(job);
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void append() {
        JobRepository.TrajectoryWriter w = writer;
        double[] p = point;
        for (int k = 0; k < POINTS; k++) {
            if (p != null) p[k & (p.length - 1)] = k;
            w.append(k, 1.0 / (k + 1), 0.5 / (k + 1), 1e-4, k * 1e-4, p, false);
        }
    }

    @TearDown(Level.Invocation)
    public void finish() throws InterruptedException {
        job.start(Instant.now());
        job.finish(JobStatus.SUCCEEDED, new JobResult(new double[Math.max(2, width)], 0.0, 0.0, POINTS, 1, 1,
                StopReason.MAX_ITERATIONS, "done", Map.of()), Instant.now());
        repository.updated(job);
        // Let the writer thread store it before the next run starts, as between jobs of one worker.
        while (repository.find(job.id()).orElseThrow() == job) Thread.sleep(1);
        repository.delete(job.id());
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        repository.close();
    }
}
