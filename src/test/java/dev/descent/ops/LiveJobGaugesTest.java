package dev.descent.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The live per-job gauges over real HTTP: a running job with {@code publishMetrics} shows its loss,
 * gradient norm and iteration in {@code /actuator/prometheus} under its id, jobs without it never
 * do, the cap ({@code descent.metrics.live-jobs}, 1 here) holds, and a cancelled job's gauges go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"descent.metrics.live-jobs=1", "descent.jobs.workers=2"})
@AutoConfigureMetrics
class LiveJobGaugesTest {
    /** Plain gradient steps on a large Rosenbrock: runs for minutes unless cancelled. */
    static String longJob(boolean publish) {
        return """
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 20000},
                 "optimizer": {"type": "gd", "learningRate": 1e-6},
                 "stopping": {"maxIterations": 10000000, "gradientTolerance": 0},
                 "publishMetrics": %s}""".formatted(publish);
    }

    @LocalServerPort
    int port;
    Http http;
    final List<String> started = new ArrayList<>();

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void cancelEverythingStarted() {
        started.forEach(id -> http.post("/api/v1/jobs/" + id + "/cancel", ""));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> started.stream().allMatch(id -> !List.of("QUEUED", "RUNNING").contains(http.status(id))));
    }

    @Test
    void aPublishingJobExportsLiveGaugesUntilItIsCancelledAndTheCapHolds() {
        String publishing = submitRunning(longJob(true));
        String quiet = submitRunning(longJob(false));
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.prometheus();
            assertThat(metrics).containsPattern(series("descent_job_loss", publishing) + " [0-9.eE+-]+");
            assertThat(metrics).containsPattern(series("descent_job_gradient_norm", publishing) + " [0-9.eE+-]+");
            assertThat(metrics).containsPattern(series("descent_job_iteration", publishing) + " [1-9][0-9.eE+-]*");
        });
        assertThat(http.prometheus()).doesNotContain("job=\"" + quiet + "\"");

        // Both workers are busy; free one for a second publishing job, which finds the cap (1) taken.
        cancel(quiet);
        String overCap = submitRunning(longJob(true));
        sleepAFewProgressReports();
        assertThat(http.prometheus()).doesNotContain("job=\"" + overCap + "\"").contains("job=\"" + publishing + "\"");

        cancel(publishing);
        assertThat(http.prometheus()).doesNotContain("job=\"" + publishing + "\"").doesNotContain("descent_job_loss{");
        cancel(overCap);
    }

    private String submitRunning(String body) {
        String id = http.submit(body);
        started.add(id);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.status(id).equals("RUNNING"));
        return id;
    }

    private void cancel(String id) {
        assertThat(http.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> http.status(id).equals("CANCELLED"));
    }

    private static String series(String name, String job) {
        return name + "\\{[^}]*job=\"" + job + "\"[^}]*}";
    }

    private static void sleepAFewProgressReports() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
