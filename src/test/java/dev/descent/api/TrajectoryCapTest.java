package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Past descent.jobs.max-trajectory-points older points are thinned evenly, and the job view says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "descent.jobs.max-trajectory-points=100")
class TrajectoryCapTest {
    @LocalServerPort
    int port;

    @Test
    void aLongRunKeepsAtMostTheCapEvenlyWithItsFirstAndLastPointsAndSaysSo() {
        Api api = new Api(port);
        JsonNode long_ = api.run("""
                {"problem": {"type": "function", "name": "sphere"}, "optimizer": {"type": "gd", "learningRate": 1e-4},
                 "stopping": {"maxIterations": 5000, "gradientTolerance": 0}}""");
        assertThat(long_.get("trajectoryThinned").asBoolean()).isTrue();
        JsonNode page = api.get("/api/v1/jobs/" + long_.get("id").asString() + "/trajectory?limit=1000").json();
        assertThat(page.get("total").asInt()).isLessThanOrEqualTo(100);
        assertThat(page.get("thinned").asBoolean()).isTrue();
        JsonNode points = page.get("points");
        assertThat(points.get(0).get("iteration").asLong()).isZero();
        assertThat(points.get(points.size() - 1).get("iteration").asLong()).isEqualTo(5000);
        long gap = points.get(1).get("iteration").asLong();
        for (int i = 1; i < points.size() - 1; i++) {
            assertThat(points.get(i).get("iteration").asLong() - points.get(i - 1).get("iteration").asLong()).isEqualTo(gap);
        }
        JsonNode short_ = api.run("{\"problem\": {\"type\": \"function\", \"name\": \"sphere\"}, "
                + "\"stopping\": {\"maxIterations\": 50, \"gradientTolerance\": 0}, \"optimizer\": {\"type\": \"gd\"}}");
        assertThat(short_.get("trajectoryThinned").asBoolean()).isFalse();
    }
}
