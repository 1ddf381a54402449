package dev.descent.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.descent.api.Api;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Two clients over real HTTP: each sees only its own jobs, datasets and studies; the other's are 404. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "descent.security.rate-limit.requests-per-second=100000")
class TenantIsolationTest {
    static final String JOB = """
            {"problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
             "optimizer": {"type": "lbfgs"}, "stopping": {"maxIterations": 50}}""";
    static final String CSV = "x,y\n0,1.1\n1,2.9\n2,5.2\n3,7.1\n4,8.8\n";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Keys.enable(registry);
    }

    @LocalServerPort
    int port;
    Api alice, bob;

    @BeforeEach
    void clients() {
        alice = new Api(port, Keys.ALICE);
        bob = new Api(port, Keys.BOB);
    }

    String upload(Api api) {
        Api.Response r = api.send(api.request("/api/v1/datasets?name=line").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(CSV)).build());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    @Test
    void anotherClientsJobIsNotFoundOnEveryEndpoint() {
        String id = alice.submit(JOB);
        alice.awaitFinished(id);
        String job = "/api/v1/jobs/" + id;
        List<Api.Response> answers = new ArrayList<>(List.of(
                bob.get(job),
                bob.get(job + "/trajectory"),
                bob.get(job + "/trajectory", "Accept", "text/csv"),
                bob.get(job + "/trajectory?maxPoints=10"),
                bob.get(job + "/events", "Accept", "text/event-stream"),
                bob.get(job + "/plot.svg"),
                bob.post(job + "/cancel", ""),
                bob.delete(job)));
        for (Api.Response r : answers) assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(alice.get(job).status()).isEqualTo(200);
        assertThat(alice.get(job + "/trajectory").status()).isEqualTo(200);
        assertThat(alice.get(job + "/plot.svg").status()).isEqualTo(200);
        assertThat(alice.delete(job).status()).isEqualTo(204);
    }

    @Test
    void cancellingAnotherClientsRunningJobIsNotFoundAndLeavesItRunning() {
        String id = alice.submit("""
                {"problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
                 "optimizer": {"type": "gd", "learningRate": 1e-6},
                 "stopping": {"maxIterations": 10000000, "gradientTolerance": 0, "timeLimit": "PT20S"}}""");
        assertThat(bob.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/jobs/" + id).json().get("status").asString()).isIn("QUEUED", "RUNNING");
        assertThat(alice.post("/api/v1/jobs/" + id + "/cancel", "").status()).isEqualTo(202);
    }

    @Test
    void listsShowOnlyOnesOwnJobs() {
        String a = alice.submit(JOB), b = bob.submit(JOB);
        List<String> seenByAlice = ids(alice.get("/api/v1/jobs?limit=1000").json().get("items"));
        List<String> seenByBob = ids(bob.get("/api/v1/jobs?limit=1000").json().get("items"));
        assertThat(seenByAlice).contains(a).doesNotContain(b);
        assertThat(seenByBob).contains(b).doesNotContain(a);
        bob.awaitFinished(b);
        assertThat(ids(bob.get("/api/v1/jobs?status=SUCCEEDED&limit=1000").json().get("items"))).doesNotContain(a);
    }

    @Test
    void idempotencyKeysArePerClient() {
        Api.Response first = alice.post("/api/v1/jobs", JOB, "Idempotency-Key", "shared-key");
        Api.Response other = bob.post("/api/v1/jobs", JOB, "Idempotency-Key", "shared-key");
        Api.Response again = alice.post("/api/v1/jobs", JOB, "Idempotency-Key", "shared-key");
        assertThat(first.status()).isEqualTo(202);
        assertThat(other.status()).as("the same key of another client makes a new job").isEqualTo(202);
        assertThat(other.json().get("id").asString()).isNotEqualTo(first.json().get("id").asString());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        Api.Response conflict = bob.post("/api/v1/jobs", JOB.replace("50", "60"), "Idempotency-Key", "shared-key");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).doesNotContain(first.json().get("id").asString());
    }

    @Test
    void anotherClientsDatasetIsNotFoundNorUsableInAJob() {
        String id = upload(alice);
        assertThat(bob.get("/api/v1/datasets/" + id).status()).isEqualTo(404);
        assertThat(bob.delete("/api/v1/datasets/" + id).status()).isEqualTo(404);
        assertThat(ids(bob.get("/api/v1/datasets").json())).doesNotContain(id);
        assertThat(ids(alice.get("/api/v1/datasets").json())).contains(id);
        String fit = """
                {"problem": {"type": "linear-least-squares", "dataset": "%s", "target": "y"}}""".formatted(id);
        Api.Response refused = bob.post("/api/v1/jobs", fit);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("problem.dataset").contains("no dataset");
        assertThat(alice.post("/api/v1/jobs", fit).status()).isEqualTo(202);
        assertThat(alice.get("/api/v1/datasets/" + id).status()).isEqualTo(200);
    }

    @Test
    void anotherClientsStudyIsNotFound() {
        Api.Response created = alice.post("/api/v1/studies", """
                {"problem": {"type": "function", "name": "sphere"},
                 "runs": [{"optimizer": {"type": "adam"}}, {"optimizer": {"type": "lbfgs"}}]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String study = created.header("Location");
        assertThat(bob.get(study).status()).isEqualTo(404);
        assertThat(bob.get(study + "/plot.svg").status()).isEqualTo(404);
        assertThat(alice.get(study).status()).isEqualTo(200);
        String run = created.json().get("runs").get(0).get("jobId").asString();
        assertThat(bob.get("/api/v1/jobs/" + run).status()).isEqualTo(404);
        assertThat(alice.get("/api/v1/jobs/" + run).status()).isEqualTo(200);
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) out.add(item.get("id").asString());
        return out;
    }
}
