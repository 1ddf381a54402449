package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With one worker and room for one queued job, a third job is refused with 429 and Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"descent.jobs.workers=1", "descent.jobs.queue-capacity=1"})
class QueueLimitTest {
    @LocalServerPort
    int port;

    @Test
    void fullQueueAnswers429AndCancellingAQueuedJobNeverStartsIt() {
        Api api = new Api(port);
        String running = api.submit(JobLifecycleTest.LONG_JOB.formatted(""));
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/jobs/" + running).json().get("status").asString().equals("RUNNING"));
        String queued = api.submit(JobLifecycleTest.LONG_JOB.formatted(""));
        Api.Response refused = api.post("/api/v1/jobs", JobLifecycleTest.LONG_JOB.formatted(""));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");

        Api.Response cancelled = api.post("/api/v1/jobs/" + queued + "/cancel", "");
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("startedAt").isNull()).isTrue();
        api.post("/api/v1/jobs/" + running + "/cancel", "");
        api.awaitFinished(running);
        assertThat(api.get("/api/v1/jobs/" + queued).json().get("startedAt").isNull()).isTrue();
        assertThat(api.submit("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}}")).isNotBlank();
    }
}
