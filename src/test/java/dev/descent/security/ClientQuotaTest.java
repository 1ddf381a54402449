package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Per-client caps over real HTTP with two clients: queued and running jobs (429), dataset storage (409). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "descent.security.rate-limit.requests-per-second=100000",
        "descent.security.quota.max-active-jobs=2",
        "descent.security.quota.max-dataset-storage=1KB",
        "descent.jobs.workers=1"})
class ClientQuotaTest {
    static final String LONG_JOB = """
            {"problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
             "optimizer": {"type": "gd", "learningRate": 1e-7},
             "stopping": {"maxIterations": 10000000, "gradientTolerance": 0, "timeLimit": "PT30S"}}""";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Keys.enable(registry);
    }

    @LocalServerPort
    int port;
    final List<String[]> started = new ArrayList<>();

    @AfterEach
    void cancelEverything() {
        for (String[] job : started) new Api(port, job[0]).post("/api/v1/jobs/" + job[1] + "/cancel", "");
    }

    String submit(String key, String... headers) {
        Api.Response r = new Api(port, key).post("/api/v1/jobs", LONG_JOB, headers);
        assertThat(r.status()).as(r.body()).isIn(200, 202);
        String id = r.json().get("id").asString();
        started.add(new String[] {key, id});
        return id;
    }

    @Test
    void aClientAtItsJobCapGets429UntilOneFinishesWhileAnotherClientIsServed() {
        Api alice = new Api(port, Keys.ALICE);
        String first = submit(Keys.ALICE, "Idempotency-Key", "first");
        submit(Keys.ALICE);
        Api.Response refused = alice.post("/api/v1/jobs", LONG_JOB);
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/too-many-active-jobs");
        assertThat(refused.json().get("detail").asString()).contains("max-active-jobs = 2");
        assertThat(alice.get("/api/v1/jobs").json().get("items")).as("the refused job was not kept").hasSize(2);

        Api.Response replay = alice.post("/api/v1/jobs", LONG_JOB, "Idempotency-Key", "first");
        assertThat(replay.status()).as("a replay is not a new job").isEqualTo(200);
        assertThat(replay.json().get("id").asString()).isEqualTo(first);

        submit(Keys.BOB);
        submit(Keys.BOB);
        assertThat(new Api(port, Keys.BOB).post("/api/v1/jobs", LONG_JOB).status()).isEqualTo(429);

        assertThat(alice.post("/api/v1/jobs/" + first + "/cancel", "").status()).isEqualTo(202);
        assertThat(alice.get("/api/v1/jobs/" + first).json().get("status").asString()).isEqualTo("CANCELLED");
        submit(Keys.ALICE);
        assertThat(alice.post("/api/v1/jobs", LONG_JOB).status()).isEqualTo(429);
    }

    @Test
    void aClientsDatasetsMayNotPassItsStorageQuota() {
        Api alice = new Api(port, Keys.ALICE), bob = new Api(port, Keys.BOB);
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) csv.append(i).append(',').append(2 * i + 1).append('\n');
        Api.Response one = upload(alice, csv.toString());
        assertThat(one.status()).as(one.body()).isEqualTo(201);
        long size = one.json().get("sizeBytes").asLong();
        assertThat(size).as("the test's premise: one fits in 1 KB, two do not").isBetween(513L, 1024L);

        Api.Response two = upload(alice, csv.toString());
        assertThat(two.status()).as(two.body()).isEqualTo(409);
        assertThat(two.header("Content-Type")).startsWith("application/problem+json");
        assertThat(two.json().get("type").asString()).isEqualTo("/problems/storage-quota-exceeded");
        assertThat(two.json().get("detail").asString()).contains("stores " + size + " bytes");
        assertThat(alice.get("/api/v1/datasets").json()).as("nothing of the refused upload is kept").hasSize(1);

        assertThat(upload(bob, csv.toString()).status()).as("bob has his own quota").isEqualTo(201);

        assertThat(alice.delete("/api/v1/datasets/" + one.json().get("id").asString()).status()).isEqualTo(204);
        assertThat(upload(alice, csv.toString()).status()).isEqualTo(201);

        StringBuilder big = new StringBuilder("x,y\n");
        for (int i = 0; i < 200; i++) big.append(i).append(',').append(i).append('\n');
        assertThat(upload(bob, big.toString()).status()).as("larger than the whole quota").isEqualTo(409);
    }

    static Api.Response upload(Api api, String csv) {
        return api.send(api.request("/api/v1/datasets?name=line").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }
}
