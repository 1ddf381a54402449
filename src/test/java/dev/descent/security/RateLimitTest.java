package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A low per-client limit over real HTTP: the client past it hears 429 with Retry-After; the other does not. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "descent.security.rate-limit.requests-per-second=2")
class RateLimitTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Keys.enable(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aClientPastItsLimitGets429WithRetryAfterWhileAnotherIsServed() {
        Api alice = new Api(port, Keys.ALICE);
        List<Api.Response> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) answers.add(alice.get("/api/v1/jobs"));
        Api.Response limited = answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(answers.get(0).status()).isEqualTo(200);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("status").asInt()).isEqualTo(429);
        assertThat(new Api(port, Keys.BOB).get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(new Api(port).get("/actuator/health").status()).isEqualTo(200);
    }
}
