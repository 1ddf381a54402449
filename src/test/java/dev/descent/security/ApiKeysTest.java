package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import org.junit.jupiter.api.Test;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** API keys over real HTTP: who gets in, what the others hear, what stays public. */
@AutoConfigureMetrics
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiKeysTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Keys.enable(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void requestWithoutKeyIsUnauthorizedWithBearerChallenge() {
        Api.Response r = new Api(port).get("/api/v1/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void wrongKeyIsUnauthorized() {
        Api.Response r = new Api(port, "not-a-key").get("/api/v1/jobs");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
    }

    @Test
    void anotherSchemeIsUnauthorized() {
        Api.Response r = new Api(port).get("/api/v1/jobs", "Authorization", "Basic " + Keys.ALICE);
        assertThat(r.status()).isEqualTo(401);
    }

    @Test
    void postWithoutKeyIsRefusedBeforeTheBodyIsRead() {
        Api.Response r = new Api(port).post("/api/v1/jobs", "{\"problem\": {\"type\": \"function\", \"name\": \"rosenbrock\"}}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(new Api(port, Keys.ALICE).get("/api/v1/jobs").json().get("items")).isEmpty();
    }

    @Test
    void eachConfiguredKeyIsLetIn() {
        assertThat(new Api(port, Keys.ALICE).get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(new Api(port, Keys.BOB).get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(new Api(port, Keys.BOB).get("/api/v1/optimizers").status()).isEqualTo(200);
    }

    @Test
    void healthAndPrometheusStayPublic() {
        assertThat(new Api(port).get("/actuator/health").status()).isEqualTo(200);
        assertThat(new Api(port).get("/actuator/prometheus").status()).isEqualTo(200);
    }
}
