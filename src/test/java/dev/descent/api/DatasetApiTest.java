package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Dataset uploads over real HTTP: formats, the view, listing, deleting, and every malformed upload. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatasetApiTest {
    static final Path MUSHROOMS = Path.of(System.getProperty("descent.shared", "../shared"), "datasets/libsvm/mushrooms.txt");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("descent.data-dir", () -> dataDir.toString());
        registry.add("descent.limits.max-dataset-bytes", () -> "1500KB");
    }

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    Api.Response upload(String contentType, String body, String query) {
        return api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/datasets" + query))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static String field(Api.Response r) {
        return r.json().get("errors").get(0).get("field").asString();
    }

    static String message(Api.Response r) {
        return r.json().get("errors").get(0).get("message").asString();
    }

    @Test
    void csvWithStringLabelsIsStoredWithItsClassesAndColumnNames() {
        Api.Response r = upload("text/csv", "sepal,species,petal\r\n1.5,setosa,0.2\r\n2.5,virginica,1.8\r\n2.0,versicolor,1.0",
                "?name=iris-ish&label=species");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode d = r.json();
        assertThat(r.header("Location")).isEqualTo("/api/v1/datasets/" + d.get("id").asString());
        assertThat(d.get("name").asString()).isEqualTo("iris-ish");
        assertThat(d.get("status").asString()).isEqualTo("READY");
        assertThat(d.get("rows").asInt()).isEqualTo(3);
        assertThat(d.get("columns").asInt()).isEqualTo(2);
        assertThat(d.get("featureNames").toString()).isEqualTo("[\"sepal\",\"petal\"]");
        assertThat(d.get("label").asString()).isEqualTo("species");
        assertThat(d.get("classes").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");
        assertThat(d.get("sparse").asBoolean()).isFalse();
        assertThat(d.get("nonZeros").asLong()).isEqualTo(6);
        assertThat(d.get("sizeBytes").asLong()).isPositive();
        assertThat(d.get("createdAt").asString()).isNotEmpty();
        assertThat(Files.exists(dataDir.resolve("datasets").resolve(d.get("id").asString() + ".bin"))).isTrue();
    }

    @Test
    void mushroomsLoadsAsSparseLibsvmWithCrlfAndNoFinalNewline() throws IOException {
        JsonNode d = uploadMushrooms();
        assertThat(d.get("rows").asInt()).isEqualTo(8124);
        assertThat(d.get("columns").asInt()).isEqualTo(112);
        assertThat(d.get("featureNames").get(0).asString()).isEqualTo("f1");
        assertThat(d.get("featureNames").get(111).asString()).isEqualTo("f112");
        assertThat(d.get("classes").toString()).isEqualTo("[1,2]");
        assertThat(d.get("sparse").asBoolean()).isTrue();
        assertThat(d.get("nonZeros").asLong()).isEqualTo(8124L * 21);  // every row has 21 ones (one per categorical attribute the file keeps)
    }

    JsonNode uploadMushrooms() throws IOException {
        Api.Response r = upload("text/x-libsvm", Files.readString(MUSHROOMS), "?name=mushrooms");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void multipartUploadTakesTheFormatFromTheFileName() {
        String boundary = "----descent" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"tiny.csv\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\na,b,y\n1,2,0\n3,4,1\n\r\n--" + boundary + "--\r\n";
        Api.Response r = upload("multipart/form-data; boundary=" + boundary, body, "?label=y");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("name").asString()).isEqualTo("tiny.csv");
        assertThat(r.json().get("classes").toString()).isEqualTo("[0,1]");
        assertThat(r.json().get("columns").asInt()).isEqualTo(2);
    }

    @Test
    void listGetAndDelete() {
        String first = upload("text/csv", "x,y\n1,0\n2,1\n", "?name=first").json().get("id").asString();
        String second = upload("text/csv", "x,y\n1,0\n2,1\n", "?name=second").json().get("id").asString();
        JsonNode list = api.get("/api/v1/datasets").json();
        int i1 = -1, i2 = -1;
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("id").asString().equals(first)) i1 = i;
            if (list.get(i).get("id").asString().equals(second)) i2 = i;
        }
        assertThat(i2).isGreaterThanOrEqualTo(0).isLessThan(i1);  // newest first
        assertThat(api.get("/api/v1/datasets/" + first).json().get("name").asString()).isEqualTo("first");
        assertThat(api.delete("/api/v1/datasets/" + first).status()).isEqualTo(204);
        Api.Response gone = api.get("/api/v1/datasets/" + first);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.delete("/api/v1/datasets/" + first).status()).isEqualTo(404);
        assertThat(Files.exists(dataDir.resolve("datasets").resolve(first + ".bin"))).isFalse();
    }

    @Test
    void deletingADatasetARunningJobUsesIsAConflict() {
        Random random = new Random(3);
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) csv.append(random.nextGaussian()).append(',').append(random.nextGaussian()).append(',').append(i % 2).append('\n');
        String id = upload("text/csv", csv.toString(), "").json().get("id").asString();
        String job = api.submit("""
                {"problem": {"type": "logistic-regression", "dataset": "%s", "l2": 0.1},
                 "optimizer": {"type": "gd", "learningRate": 1e-9},
                 "stopping": {"maxIterations": 10000000, "gradientTolerance": 0, "functionTolerance": 0, "timeLimit": "PT30S"}}"""
                .formatted(id));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                api.get("/api/v1/jobs/" + job).json().get("status").asString().equals("RUNNING"));
        Api.Response conflict = api.delete("/api/v1/datasets/" + id);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("detail").asString()).contains("queued or running job");
        api.post("/api/v1/jobs/" + job + "/cancel", "");
        api.awaitFinished(job);
        assertThat(api.delete("/api/v1/datasets/" + id).status()).isEqualTo(204);
    }

    @Test
    void raggedRowsAreRejectedWithTheLine() {
        Api.Response r = upload("text/csv", "a,b,y\n1,2,0\n3,1\n", "");
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("body");
        assertThat(message(r)).isEqualTo("line 3 (row 2) has 2 cells; the header has 3");
    }

    @Test
    void nonNumericAndMissingCellsNameRowAndColumn() {
        Api.Response r = upload("text/csv", "a,b,y\n1,2,0\n3,abc,1\n", "?label=y");
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("line 3 (row 2), column 'b': 'abc' is not a finite number");
        Api.Response missing = upload("text/csv", "a,b,y\n1,,0\n", "?label=y");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(message(missing)).isEqualTo("line 2 (row 1), column 'b': missing value");
        Api.Response nan = upload("text/csv", "a,y\nNaN,0\n", "");
        assertThat(message(nan)).isEqualTo("line 2 (row 1), column 'a': 'NaN' is not a finite number");
    }

    @Test
    void aMissingLabelColumnIsNamed() {
        Api.Response r = upload("text/csv", "a,b\n1,2\n", "?label=target");
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("label");
        assertThat(message(r)).isEqualTo("no column 'target' in the CSV header; columns: a, b");
    }

    @Test
    void libsvmIndexZeroAndDescendingIndicesAreRejectedWithTheLine() {
        Api.Response zero = upload("text/x-libsvm", "1 1:1 2:1\n2 0:1 3:1\n", "");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(message(zero)).isEqualTo("line 2: index 0 is not allowed; indices start at 1");
        Api.Response descending = upload("text/x-libsvm", "1 1:1 2:1\r\n1 qid:3 2:1 5:1\r\n2 3:1 2:1", "");
        assertThat(descending.status()).isEqualTo(400);
        assertThat(message(descending)).isEqualTo("line 3: index 2 follows index 3; indices must be strictly ascending");
        Api.Response value = upload("text/x-libsvm", "1 1:x\n", "");
        assertThat(message(value)).isEqualTo("line 1, index 1: 'x' is not a finite number");
    }

    @Test
    void anEmptyBodyIsRejected() {
        assertThat(message(upload("text/csv", "", ""))).startsWith("is empty");
        assertThat(message(upload("text/x-libsvm", "\r\n", ""))).startsWith("is empty");
        assertThat(message(upload("text/csv", "a,y\n", ""))).isEqualTo("has a header but no data rows");
    }

    @Test
    void unknownContentTypesAndEncodingsAre415() {
        Api.Response json = upload("application/json", "{}", "");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.header("Content-Type")).startsWith("application/problem+json");
        assertThat(upload("text/csv; charset=UTF-16", "a,y\n1,0\n", "").status()).isEqualTo(415);
        Api.Response gzip = api.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/datasets"))
                .header("Content-Type", "text/csv").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("a,y\n1,0\n")).build());
        assertThat(gzip.status()).isEqualTo(415);
    }

    @Test
    void anUploadOverTheCapIs413() {
        StringBuilder big = new StringBuilder("a,b,y\n");
        while (big.length() < 1600 * 1024) big.append("1.25,2.5,0\n");
        Api.Response r = upload("text/csv", big.toString(), "");
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("1536000 bytes");
    }

    @Test
    void aMultipartUploadOverTheCapIs413AndLeavesNothingBehind() throws IOException {
        String kept = upload("text/csv", "x,y\n1,0\n2,1\n", "?name=kept").json().get("id").asString();
        int datasets = api.get("/api/v1/datasets").json().size();
        List<Path> files;
        try (var listing = Files.list(dataDir.resolve("datasets"))) {
            files = listing.sorted().toList();
        }
        String boundary = "----descent" + System.nanoTime();
        StringBuilder big = new StringBuilder("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\na,b,y\n");
        while (big.length() < 1600 * 1024) big.append("1.25,2.5,0\n");
        big.append("\r\n--").append(boundary).append("--\r\n");
        Api.Response r = upload("multipart/form-data; boundary=" + boundary, big.toString(), "?label=y");
        assertThat(r.status()).as(r.body()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(413);
        assertThat(r.json().get("detail").asString()).contains("1536000 bytes", "descent.limits.max-dataset-bytes");
        assertThat(api.get("/api/v1/datasets").json().size()).as("datasets listed").isEqualTo(datasets);
        try (var listing = Files.list(dataDir.resolve("datasets"))) {
            assertThat(listing.sorted().toList()).as("files in the data directory").isEqualTo(files);
        }
        Api.Response still = api.get("/api/v1/datasets/" + kept);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("status").asString()).isEqualTo("READY");
        assertThat(upload("text/csv", "x,y\n1,0\n2,1\n", "?name=after").status()).isEqualTo(201);
    }

    @Test
    void anUnknownDatasetIsANamedViolation() {
        Api.Response r = api.post("/api/v1/jobs", """
                {"problem": {"type": "logistic-regression", "dataset": "nope"}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(field(r)).isEqualTo("problem.dataset");
        assertThat(message(r)).isEqualTo("no dataset 'nope'");
        Api.Response both = api.post("/api/v1/jobs", """
                {"problem": {"type": "logistic-regression", "dataset": "nope", "features": [[1]], "labels": [0]}}""");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("problem.features").contains("must be absent when dataset is given");
    }

    @Test
    void leastSquaresOnADatasetColumnMatchesTheInlineFit() {
        String id = upload("text/csv", "t,one,y,cls\n0,1,1.1,a\n1,1,2.9,b\n2,1,5.2,a\n3,1,7.1,b\n4,1,8.8,a\n", "?label=cls")
                .json().get("id").asString();
        JsonNode fromData = api.run("""
                {"problem": {"type": "linear-least-squares", "dataset": "%s", "target": "y"},
                 "stopping": {"gradientTolerance": 1e-12}}""".formatted(id));
        JsonNode inline = api.run("""
                {"problem": {"type": "linear-least-squares", "a": [[0,1],[1,1],[2,1],[3,1],[4,1]], "b": [1.1,2.9,5.2,7.1,8.8]},
                 "stopping": {"gradientTolerance": 1e-12}}""");
        assertThat(Api.doubles(fromData.get("result").get("x")))
                .containsExactly(Api.doubles(inline.get("result").get("x")), within(1e-10));
        assertThat(fromData.get("result").get("featureNames").toString()).isEqualTo("[\"t\",\"one\"]");
        Api.Response strings = api.post("/api/v1/jobs", """
                {"problem": {"type": "linear-least-squares", "dataset": "%s"}}""".formatted(id));
        assertThat(strings.status()).isEqualTo(400);
        assertThat(message(strings)).contains("holds strings");
        Api.Response unknown = api.post("/api/v1/jobs", """
                {"problem": {"type": "linear-least-squares", "dataset": "%s", "target": "z"}}""".formatted(id));
        assertThat(field(unknown)).isEqualTo("problem.target");
    }
}
