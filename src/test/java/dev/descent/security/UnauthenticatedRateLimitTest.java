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

/**
 * Requests without a valid key are limited per remote address over real HTTP: a flood of wrong or
 * missing keys turns from 401 into 429 with Retry-After, while a client with a valid key from the
 * same address is still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "descent.security.rate-limit.unauthenticated-requests-per-second=3",
        "descent.security.rate-limit.requests-per-second=1000"})
class UnauthenticatedRateLimitTest {
    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Keys.enable(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aFloodOfWrongKeysIsRateLimitedByAddressWhileAValidKeyIsServed() {
        List<Api.Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Api guesser = new Api(port, "guess-" + i);
            answers.add(i % 2 == 0 ? guesser.get("/api/v1/jobs")
                    : new Api(port).post("/api/v1/jobs", "{\"problem\": {\"type\": \"function\", \"name\": \"beale\"}}"));
        }
        assertThat(answers.get(0).status()).isEqualTo(401);
        List<Api.Response> limited = answers.stream().filter(r -> r.status() == 429).toList();
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 429));
        assertThat(limited).as("a burst of 3 then about 3 a second: most of 20 quick guesses are refused")
                .hasSizeGreaterThanOrEqualTo(10);
        for (Api.Response r : limited) {
            assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("status").asInt()).isEqualTo(429);
            assertThat(r.header("WWW-Authenticate")).isNull();
        }
        Api alice = new Api(port, Keys.ALICE);
        for (int i = 0; i < 5; i++) assertThat(alice.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(new Api(port).get("/actuator/health").status()).as("outside /api nothing is limited").isEqualTo(200);
    }
}
