package dev.descent.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The running service against what operations expect of it: every metric the Grafana dashboard
 * and the alert rules read is in a real {@code /actuator/prometheus} scrape after a job; only
 * health and prometheus are exposed; the container's health check passes against it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"descent.metrics.live-jobs=1", "descent.jobs.workers=2"})
@AutoConfigureMetrics
class MonitoredMetricsTest {
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
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> started.stream()
                .allMatch(id -> !List.of("QUEUED", "RUNNING").contains(http.status(id))) && !http.prometheus().contains("descent_job_loss{"));
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesReadIsExported() {
        String finished = http.submit("""
                {"problem": {"type": "function", "name": "sphere"}, "optimizer": {"type": "adam"}}""");
        started.add(finished);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> http.status(finished).equals("SUCCEEDED"));
        String live = http.submit(LiveJobGaugesTest.longJob(true));
        started.add(live);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> http.prometheus().contains("job=\"" + live + "\""));
        assertThat(http.get("/api/v1/optimizers").status()).isEqualTo(200);

        Set<String> exported = sampleNames(http.prometheus());
        Set<String> missing = new TreeSet<>(Monitoring.metricNamesUsed());
        missing.removeAll(Monitoring.MADE_BY_PROMETHEUS);
        missing.removeAll(exported);
        assertThat(missing).as("read by the dashboard or an alert rule but not exported").isEmpty();
        assertThat(Monitoring.metricNamesUsed()).hasSizeGreaterThan(10);
    }

    @Test
    void onlyHealthAndPrometheusAreExposedOverHttp() {
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/threaddump",
                "/actuator/configprops", "/actuator/loggers", "/actuator/metrics", "/actuator/mappings", "/actuator/shutdown")) {
            assertThat(http.get(hidden).status()).as(hidden).isEqualTo(404);
        }
        for (String open : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus")) {
            assertThat(http.get(open).status()).as(open).isEqualTo(200);
        }
        assertThat(http.get("/actuator/health").body()).as("no details to strangers").doesNotContain("components");
    }

    @Test
    void theContainerHealthCheckPassesAgainstAReadyServiceAndFailsWithoutOne() throws Exception {
        assertThat(healthCheck(port)).isZero();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(healthCheck(closed)).isEqualTo(1);
    }

    /** Runs deploy/docker/HealthCheck.java as the image does (source launch here, compiled there). */
    static int healthCheck(int port) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx24m", Yamls.ROOT.resolve("deploy/docker/HealthCheck.java").toString())
                .redirectErrorStream(true);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().remove("MANAGEMENT_SERVER_PORT");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        return p.exitValue();
    }

    /** Names of the samples in a Prometheus text exposition. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> names.add(l.split("[{ ]", 2)[0]));
        return names;
    }
}
