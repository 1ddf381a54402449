package dev.descent.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A seeded mutator over valid requests to the job and dataset endpoints, over real HTTP: type
 * confusion, huge and tiny numbers, NaN and Infinity tokens, deep nesting, huge arrays, duplicate
 * keys, long strings, invalid UTF-8, truncation, wrong content types, and multipart junk for
 * datasets. No answer may be a 5xx, every 4xx is problem+json, and afterwards the service is
 * healthy, still runs a job, and holds no more heap than a bound. A failure names the case's seed,
 * so it can be replayed alone with {@code -Dfuzz.seed=<seed> -Dfuzz.cases=1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "descent.limits.max-iterations=2000",
        "descent.limits.max-dimension=20000",
        "descent.jobs.max-trajectory-points=500",
        "descent.jobs.queue-capacity=50",
        "descent.jobs.workers=1",
        "descent.jobs.max-memory=256MB",
        "descent.limits.max-request-bytes=4MB",
        "descent.limits.max-dataset-bytes=4MB"})
class ApiFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261124L);
    static final int CASES = Integer.getInteger("fuzz.cases", 2000);
    /** Heap the fuzzing may leave behind, after a full collection: the jobs and datasets it made, little else. */
    static final long HEAP_GROWTH_BOUND = 192L << 20;

    static final List<String> JOBS = List.of(
            """
            {"name": "adam", "problem": {"type": "function", "name": "rosenbrock", "dimension": 2},
             "optimizer": {"type": "adam", "learningRate": 0.01}, "schedule": {"type": "cosine", "decaySteps": 50},
             "stopping": {"maxIterations": 50, "gradientTolerance": 1e-8, "timeLimit": "PT2S"},
             "initialPoint": [-1.2, 1.0], "seed": 42, "recording": {"every": 2, "includePoint": true}}""",
            """
            {"problem": {"type": "quadratic", "a": [[3, 1], [1, 2]], "b": [1, 1], "c": 0.5},
             "optimizer": {"type": "momentum", "learningRate": 0.1, "momentum": 0.9}, "stopping": {"maxIterations": 40}}""",
            """
            {"problem": {"type": "quadratic", "diagonal": [1, 10, 100]}, "optimizer": {"type": "lbfgs", "history": 5},
             "stopping": {"maxIterations": 30, "patience": 5}}""",
            """
            {"problem": {"type": "linear-least-squares", "a": [[1, 0], [1, 1], [1, 2]], "b": [1, 2, 2.9], "ridge": 0.1},
             "optimizer": {"type": "qr"}}""",
            """
            {"problem": {"type": "logistic-regression", "features": [[0, 1], [1, 0], [2, 2], [3, 1]],
             "labels": ["a", "b", "a", "b"], "l2": 0.01, "fitIntercept": true},
             "optimizer": {"type": "sgd", "learningRate": 0.1, "batchSize": 2}, "stopping": {"maxIterations": 30}}""",
            """
            {"problem": {"type": "nonlinear-least-squares", "model": "b1*(1-exp(-b2*x))", "parameters": ["b1", "b2"],
             "x": [1, 2, 3, 4, 5], "y": [1.1, 1.9, 2.4, 2.8, 3.0], "loss": "huber", "lossScale": 1.5},
             "initialPoint": [3, 0.5], "stopping": {"maxIterations": 30}}""",
            """
            {"problem": {"type": "expression", "objective": "(1-x)^2 + 100*(y-x^2)^2 + sin(x)*log1p(y^2)",
             "variables": ["x", "y"]}, "optimizer": {"type": "newton", "damping": 0.001},
             "stopping": {"maxIterations": 20}, "initialPoint": [0.5, 0.5]}""",
            """
            {"problem": {"type": "function", "name": "himmelblau"},
             "optimizer": {"type": "nelder-mead"}, "stopping": {"maxIterations": 40, "maxEvaluations": 200}}""",
            """
            {"problem": {"type": "quadratic", "diagonal": [2, 3]},
             "optimizer": {"type": "rprop", "learningRate": 0.01, "etaMinus": 0.5, "etaPlus": 1.2},
             "schedule": {"type": "one-cycle", "maxLearningRate": 0.1, "totalSteps": 30}, "stopping": {"maxIterations": 30}}""",
            """
            {"problem": {"type": "function", "name": "beale"}, "optimizer": {"type": "levenberg-marquardt"},
             "stopping": {"maxIterations": 10}}""",
            """
            {"name": "study", "problem": {"type": "quadratic", "diagonal": [1, 10]},
             "base": {"optimizer": {"type": "gd"}, "stopping": {"maxIterations": 20}},
             "sweep": {"parameter": "optimizer.learningRate", "values": [0.01, 0.1]}}""",
            """
            {"problem": {"type": "expression", "objective": "x^2 + y^4", "variables": ["x", "y"]}, "point": [1, 2]}""");
    /** Where each job seed is posted: the last two are a study and a problem tool. */
    static String path(int seed, Random random) {
        if (seed == JOBS.size() - 2) return "/api/v1/studies";
        if (seed == JOBS.size() - 1) return random.nextBoolean() ? "/api/v1/problems/analyze" : "/api/v1/problems/gradient-check";
        return "/api/v1/jobs";
    }

    static final List<String> CSVS = List.of("x,y\n1,2\n3,4\n5,6.5\n", "a,b,label\n1.5,x,yes\n0.1,z,no\n-2,x,yes\n",
            "\"q,1\",\"q\"\"2\",y\r\n1,2,3\r\n4,5,6\r\n");
    static final List<String> LIBSVMS = List.of("1 1:0.5 3:2\n0 2:1\n1 1:1 2:1 3:1\n", "+1 qid:3 4:1.5\n-1 qid:3 1:2 9:1\n");

    @LocalServerPort
    int port;
    final List<String> failures = new ArrayList<>();

    @Test
    void mutatedRequestsNeverGetA5xxAndEvery4xxIsAProblem() throws Exception {
        Api api = new Api(port);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        String realJob = api.submit(JOBS.get(0));
        api.awaitFinished(realJob);
        System.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();

        long started = System.nanoTime();
        int[] byStatus = new int[6];
        for (int c = 0; c < CASES; c++) {
            long seed = SEED + c;
            Random random = new Random(seed);
            Api.Response r;
            String what;
            int kind = random.nextInt(10);
            if (kind < 6) {
                int s = random.nextInt(JOBS.size());
                String body = mutateJson(JOBS.get(s), random);
                String path = path(s, random);
                what = "POST " + path + " " + abbreviate(body);
                r = send(api, HttpRequest.newBuilder(), path, "POST", jsonContentType(random), bytes(body, random), random);
            } else if (kind < 9) {
                String[] upload = mutateDataset(random);
                what = "POST " + upload[0] + " (" + upload[1] + ") " + abbreviate(upload[2]);
                r = send(api, HttpRequest.newBuilder(), upload[0], "POST", upload[1],
                        upload[2].getBytes(StandardCharsets.ISO_8859_1), random);
                if (r.status() == 201) api.delete("/api/v1/datasets/" + r.json().get("id").asString());
            } else {
                what = "GET " + (what = fuzzedGet(random, realJob));
                r = api.get(what.substring(4), "Accept", random.nextInt(4) == 0 ? "text/csv" : "*/*");
            }
            byStatus[r.status() / 100]++;
            check(seed, what, r);
            if (r.status() == 202 && r.body().contains("\"id\"")) {
                api.post("/api/v1/jobs/" + r.json().get("id").asString() + "/cancel", "");
            }
        }
        double seconds = (System.nanoTime() - started) * 1e-9;
        System.out.printf("fuzz: %d cases in %.1f s: 2xx %d, 4xx %d, 5xx %d%n", CASES, seconds, byStatus[2], byStatus[4],
                byStatus[5]);
        assertThat(failures).as("cases that got a 5xx or a 4xx that is not problem+json").isEmpty();

        assertThat(api.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        JsonNode after = api.run(JOBS.get(1));
        assertThat(after.get("status").asString()).isEqualTo("SUCCEEDED");
        System.gc();
        long growth = memory.getHeapMemoryUsage().getUsed() - heapBefore;
        System.out.printf("fuzz: heap after a full collection grew by %d MB%n", growth >> 20);
        assertThat(growth).as("heap left behind by the fuzzing").isLessThan(HEAP_GROWTH_BOUND);
    }

    void check(long seed, String what, Api.Response r) {
        String problem = null;
        if (r.status() == CLOSED) return;
        if (r.status() >= 500) {
            problem = "status " + r.status();
        } else if (r.status() >= 400) {
            String type = r.header("Content-Type");
            if (type == null || !type.startsWith("application/problem+json")) {
                problem = "status " + r.status() + " as " + type;
            } else {
                JsonNode body = Api.JSON.readTree(r.body());
                if (body.path("status").asInt() != r.status() || body.path("title").isMissingNode()) {
                    problem = "status " + r.status() + " with a malformed problem body";
                }
            }
        }
        if (problem != null && failures.size() < 20) {
            failures.add("seed " + seed + ": " + problem + " for " + abbreviate(what) + " → " + abbreviate(r.body()));
        }
    }

    Api.Response send(Api api, HttpRequest.Builder ignored, String path, String method, String contentType, byte[] body,
                      Random random) {
        HttpRequest.Builder b = api.request(path).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (random.nextInt(8) == 0) b.header("Idempotency-Key", pick(random, List.of("k", "key with spaces", "k{}\"\\",
                "x".repeat(300), "", "same-key")));
        if (random.nextInt(20) == 0) b.header("Content-Encoding", pick(random, List.of("gzip", "identity", "br", "x")));
        try {
            return api.send(b.build());
        } catch (IllegalStateException e) {
            // The container answers a body over the cap before reading it all, then closes the connection;
            // the client may see the closed connection instead of the answer. Only then is it no failure.
            if (body.length > CAP) return new Api.Response(CLOSED, Map.of(), "");
            throw e;
        }
    }

    /** The request size caps set above (max-request-bytes, max-dataset-bytes). */
    static final int CAP = 4 << 20;
    /** Stands for a connection the server closed after answering an oversized body. */
    static final int CLOSED = 499;

    // ---- JSON requests ----

    static String jsonContentType(Random random) {
        return random.nextInt(8) != 0 ? "application/json" : pick(random, java.util.Arrays.asList("text/plain",
                "application/xml", null, "application/json; charset=ISO-8859-1", "application/json; charset=bogus",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/*", "*/*",
                "application/json;;", "text/csv"));
    }

    /** One to three mutations of a valid request, on its tree or on its text. */
    static String mutateJson(String valid, Random random) {
        Object tree = Api.JSON.readValue(valid, Object.class);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) tree = mutateTree(tree, random);
        String text = write(tree);
        if (random.nextInt(3) == 0) text = mutateText(text, random);
        return text;
    }

    @SuppressWarnings("unchecked")
    static Object mutateTree(Object root, Random random) {
        List<Object[]> slots = new ArrayList<>();   // {container, key or index}
        collect(root, slots);
        if (slots.isEmpty()) return value(random, 0);
        Object[] slot = slots.get(random.nextInt(slots.size()));
        Object current = slot[0] instanceof Map<?, ?> m ? m.get(slot[1]) : ((List<Object>) slot[0]).get((Integer) slot[1]);
        Object replacement = switch (random.nextInt(7)) {
            case 0, 1 -> value(random, 0);
            case 2 -> nest(current, 1 + random.nextInt(random.nextBoolean() ? 10 : 3000), random);
            case 3 -> hugeArray(random);
            case 4 -> current instanceof List<?> l && !l.isEmpty() ? widen(l, random) : value(random, 0);
            case 5 -> REMOVE;
            default -> current instanceof Number n ? number(random, n) : value(random, 0);
        };
        if (slot[0] instanceof Map<?, ?> map) {
            Map<String, Object> m = (Map<String, Object>) map;
            if (replacement == REMOVE) m.remove(slot[1]);
            else m.put((String) slot[1], replacement);
            if (random.nextInt(6) == 0) m.put(pick(random, List.of("extra", "type", "", "x".repeat(300), "dataset",
                    "__proto__")), value(random, 0));
        } else {
            List<Object> l = (List<Object>) slot[0];
            if (replacement == REMOVE) l.remove((int) (Integer) slot[1]);
            else l.set((Integer) slot[1], replacement);
        }
        return root;
    }

    static final Object REMOVE = new Object();

    /**
     * The places a mutation may change. What an earlier mutation made huge or deep is left whole, so
     * mutations do not compound past the request size cap (a huge matrix repeats one row object).
     */
    static void collect(Object node, List<Object[]> slots) {
        collect(node, slots, 0);
    }

    static void collect(Object node, List<Object[]> slots, int depth) {
        if (depth > 12) return;
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                slots.add(new Object[] {m, k});
                collect(m.get(k), slots, depth + 1);
            }
        } else if (node instanceof List<?> l && l.size() <= 100) {
            for (int i = 0; i < l.size(); i++) {
                slots.add(new Object[] {l, i});
                collect(l.get(i), slots, depth + 1);
            }
        }
    }

    /** A value of any JSON type; raw tokens ({@link Raw}) are written as they are. */
    static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 8)) {
            case 0 -> number(random, 1.0);
            case 1 -> string(random);
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> new Raw(pick(random, List.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400",
                    "99999999999999999999999999999", "-0", "0x10", "01", "1.", ".5", "+1", "1e", "true1", "nul",
                    "9".repeat(399), "9".repeat(401), "\"\\ud800\"", "\"\\u0000\"", "'x'")));
            case 5 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) m.put(pick(random, List.of("type", "name", "a", "b", "x", "values", "q")),
                        value(random, depth + 1));
                yield m;
            }
            case 6 -> {
                List<Object> l = new ArrayList<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) l.add(value(random, depth + 1));
                yield l;
            }
            default -> pick(random, List.of("function", "quadratic", "adam", "lbfgs", "cosine", "sphere",
                    "rosenbrock", "PT1S", "P9999999D", "-PT1S", "PT0S", "x", "x^2", "exp(exp(exp(x)))", "levenberg-marquardt",
                    "reduce-on-plateau", "optimizer.learningRate", "optimizer.history", "00000000-0000-0000-0000-000000000000"));
        };
    }

    static Object number(Random random, Object like) {
        return switch (random.nextInt(12)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Double.MAX_VALUE;
            case 3 -> -Double.MAX_VALUE;
            case 4 -> Double.MIN_VALUE;
            case 5 -> 1e-300;
            case 6 -> Integer.MAX_VALUE;
            case 7 -> (long) Integer.MAX_VALUE + 1;
            case 8 -> Long.MAX_VALUE;
            case 9 -> -2147483649L;
            case 10 -> 1 + random.nextInt(100_000);
            default -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        };
    }

    static String string(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> "a".repeat(1 + random.nextInt(200_000));
            case 2 -> "é🙂\u0000\u202e".repeat(1 + random.nextInt(1000));
            case 3 -> "x*".repeat(random.nextInt(20_000)) + "x";
            case 4 -> "(".repeat(random.nextInt(5000)) + "x" + ")".repeat(random.nextInt(5000));
            default -> "NaN";
        };
    }

    static Object nest(Object inner, int depth, Random random) {
        Object out = inner;
        boolean arrays = random.nextBoolean();
        for (int i = 0; i < depth; i++) {
            if (arrays) {
                List<Object> l = new ArrayList<>();
                l.add(out);
                out = l;
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("a", out);
                out = m;
            }
        }
        return out;
    }

    static Object hugeArray(Random random) {
        int n = random.nextBoolean() ? 1 + random.nextInt(300_000) : 1 + random.nextInt(600);
        List<Object> l = new ArrayList<>(n);
        if (random.nextBoolean()) {
            for (int i = 0; i < n; i++) l.add(random.nextInt(3) - 1);
        } else {
            int width = Math.max(1, Math.min(n, 600));
            List<Object> row = new ArrayList<>();
            for (int j = 0; j < width; j++) row.add(1.5);
            for (int i = 0; i < Math.min(n, 1200); i++) l.add(row);
        }
        return l;
    }

    /** The list with a row or entry repeated or dropped, so shapes disagree. */
    static Object widen(List<?> list, Random random) {
        List<Object> l = new ArrayList<>(list);
        if (random.nextBoolean()) l.add(l.get(random.nextInt(l.size())));
        else l.remove(random.nextInt(l.size()));
        return l;
    }

    record Raw(String text) {}

    static String write(Object node) {
        StringBuilder sb = new StringBuilder();
        write(node, sb);
        return sb.toString();
    }

    /**
     * Writes the tree with a stack of its own, not by recursion: nested mutations make trees thousands
     * of levels deep, and a recursive writer overflows the thread's stack while its frames are still
     * interpreted (it did so once in CI).
     */
    static void write(Object root, StringBuilder sb) {
        java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();   // nodes, and Verbatim text
        pending.push(root == null ? NULL : root);
        while (!pending.isEmpty()) {
            Object node = pending.pop();
            if (node == NULL) {
                sb.append("null");
            } else if (node instanceof Verbatim v) {
                sb.append(v.text());
            } else if (node instanceof Raw raw) {
                sb.append(raw.text());
            } else if (node instanceof String s) {
                sb.append(Api.JSON.writeValueAsString(s));
            } else if (node instanceof Map<?, ?> m) {
                List<Object> parts = new ArrayList<>();
                parts.add(new Verbatim("{"));
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    parts.add(new Verbatim((first ? "" : ",")
                            + Api.JSON.writeValueAsString(String.valueOf(e.getKey())) + ":"));
                    parts.add(e.getValue() == null ? NULL : e.getValue());
                    first = false;
                }
                parts.add(new Verbatim("}"));
                for (int i = parts.size() - 1; i >= 0; i--) pending.push(parts.get(i));
            } else if (node instanceof List<?> l) {
                pending.push(new Verbatim("]"));
                for (int i = l.size() - 1; i >= 0; i--) {
                    pending.push(l.get(i) == null ? NULL : l.get(i));
                    if (i > 0) pending.push(COMMA);
                }
                pending.push(new Verbatim("["));
            } else {
                sb.append(node);
            }
        }
    }

    /** Text the writer's stack holds for output as it is (brackets, commas, keys). */
    record Verbatim(String text) {}

    static final Verbatim COMMA = new Verbatim(",");

    /** Stands for JSON null on the writer's stack, which holds no nulls. */
    static final Object NULL = new Object();

    /** Mutations no tree can express: duplicate keys, bare NaN, truncation, stray bytes. */
    static String mutateText(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length());
        return switch (random.nextInt(6)) {
            case 0 -> {
                int brace = text.indexOf('{', at);
                if (brace < 0) brace = text.indexOf('{');
                yield brace < 0 ? text : text.substring(0, brace + 1) + "\"type\":\"quadratic\",\"type\":\"function\","
                        + text.substring(brace + 1);
            }
            case 1 -> text.replaceFirst("\\d+(\\.\\d+)?", pick(random, List.of("NaN", "Infinity", "-Infinity", "1e99999")));
            case 2 -> text.substring(0, at);
            case 3 -> text.substring(0, at) + pick(random, List.of("\u0000", "\\", "\"", "}", "]", ",", "/*x*/", "\ufeff"))
                    + text.substring(at);
            case 4 -> "\ufeff" + text;
            default -> text + pick(random, List.of(" {}", "[]", " x", "\n\n", "}"));
        };
    }

    /** The text as UTF-8, sometimes with invalid UTF-8 bytes put in. */
    static byte[] bytes(String text, Random random) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(8) != 0 || utf8.length == 0) return utf8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length + 4);
        int at = random.nextInt(utf8.length);
        out.write(utf8, 0, at);
        byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
        byte[] bad = invalid[random.nextInt(invalid.length)];
        out.write(bad, 0, bad.length);
        out.write(utf8, at, utf8.length - at);
        return out.toByteArray();
    }

    // ---- datasets ----

    /** {path with query, content type, body as ISO-8859-1 so every byte survives}. */
    static String[] mutateDataset(Random random) {
        boolean csv = random.nextInt(3) != 0;
        String data = csv ? pick(random, CSVS) : pick(random, LIBSVMS);
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) data = mutateData(data, csv, random);
        byte[] bytes = bytes(data, random);
        String body = new String(bytes, StandardCharsets.ISO_8859_1);
        String query = "?name=" + encode(random.nextInt(5) == 0 ? string(random).substring(0, 0) + "é name" : "fuzz")
                + (random.nextInt(3) == 0 ? "&label=" + encode(pick(random, List.of("y", "label", "nope", "", "b",
                "a".repeat(3000), "\"q\"\"2\"", "q\"2"))) : "");
        String type = csv ? "text/csv" : "text/x-libsvm";
        switch (random.nextInt(8)) {
            case 0 -> type = pick(random, java.util.Arrays.asList("text/csv; charset=ISO-8859-1", "text/csv; charset=bogus",
                    "application/octet-stream", null, "text/csv;;", "application/json", "text/*", "text/x-libsvm; q=x"));
            case 1, 2 -> {
                String[] multipart = multipart(body, csv, random);
                type = multipart[0];
                body = multipart[1];
            }
            default -> { }
        }
        return new String[] {"/api/v1/datasets" + query, type, body};
    }

    static String mutateData(String data, boolean csv, Random random) {
        List<String> lines = new ArrayList<>(List.of(data.split("\n", -1)));
        int i = random.nextInt(lines.size());
        String cell = pick(random, List.of("NaN", "inf", "-Infinity", "1e400", "", "\"", "\"a,b\"", "a\"b", "1e-400",
                "9".repeat(500), "0x1p3", "1,5", " 7 ", "\u0000", "é", "x".repeat(70_000), "1:2:3", "0:1", "-1:1",
                "2147483648:1", "3:", ":", "4:abc", "qid:x", "2:1 1:1", "1:1 1:1"));
        switch (random.nextInt(7)) {
            case 0 -> lines.set(i, lines.get(i) + (csv ? "," : " ") + cell);
            case 1 -> lines.set(i, cell);
            case 2 -> {
                String line = lines.get(i);
                int at = line.isEmpty() ? 0 : random.nextInt(line.length());
                lines.set(i, line.substring(0, at) + cell + line.substring(at));
            }
            case 3 -> {
                String line = lines.get(random.nextInt(lines.size()));
                int copies = random.nextBoolean() ? random.nextInt(50) : random.nextInt(100_000);
                copies = Math.min(copies, 6_000_000 / (line.length() + 1));   // up to a little past the upload cap
                for (int k = 0; k < copies; k++) lines.add(line);
            }
            case 4 -> {
                StringBuilder wide = new StringBuilder(lines.get(i));
                int columns = random.nextInt(30_000);
                for (int k = 0; k < columns; k++) wide.append(csv ? ",1" : " " + (k + 10) + ":1");
                lines.set(i, wide.toString());
            }
            case 5 -> lines.remove(i);
            default -> lines.set(i, lines.get(i).replace(csv ? "," : ":", csv ? "\r" : ";"));
        }
        return String.join(random.nextInt(5) == 0 ? "\r\n" : "\n", lines);
    }

    /** {content type, body}: a multipart upload, often broken. */
    static String[] multipart(String content, boolean csv, Random random) {
        String boundary = "fuzz" + random.nextInt(1000);
        String part = pick(random, List.of("file", "file", "data", ""));
        String fileName = pick(random, java.util.Arrays.asList("d.csv", "d.libsvm", "d.txt", "d.xlsx", null, "",
                "../../etc/passwd", "é.csv"));
        String partType = pick(random, java.util.Arrays.asList(csv ? "text/csv" : "text/x-libsvm", null,
                "application/octet-stream", "text/csv; charset=bogus", "image/png"));
        StringBuilder body = new StringBuilder();
        body.append("--").append(boundary).append("\r\n");
        body.append("Content-Disposition: form-data; name=\"").append(part).append('"');
        if (fileName != null) body.append("; filename=\"").append(fileName).append('"');
        body.append("\r\n");
        if (partType != null) body.append("Content-Type: ").append(partType).append("\r\n");
        body.append("\r\n").append(content).append("\r\n");
        if (random.nextInt(4) == 0) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n1,2\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        String text = body.toString();
        String type = "multipart/form-data; boundary=" + boundary;
        switch (random.nextInt(6)) {
            case 0 -> type = "multipart/form-data";
            case 1 -> type = "multipart/form-data; boundary=other";
            case 2 -> text = text.substring(0, random.nextInt(text.length()));
            case 3 -> text = text.replace("\r\n", "\n");
            default -> { }
        }
        return new String[] {type, text};
    }

    // ---- reads ----

    static String fuzzedGet(Random random, String job) {
        List<String> values = List.of("-1", "0", "1", "2", "1000", "100000", "100001", "-9223372036854775808",
                "9223372036854775808", "abc", "", "1e3", "NaN", "2147483648", " 1", "1.5", "%", "QUEUED", "queued",
                "SUCCEEDED", "x".repeat(500), "é");
        String v1 = encode(pick(random, values)), v2 = encode(pick(random, values)), v3 = encode(pick(random, values));
        String id = random.nextInt(3) == 0 ? encode(pick(random, values)) : job;
        return switch (random.nextInt(7)) {
            case 0 -> "/api/v1/jobs?status=" + v1 + "&limit=" + v2 + "&cursor=" + v3;
            case 1 -> "/api/v1/jobs/" + id + "/trajectory?after=" + v1 + "&limit=" + v2;
            case 2 -> "/api/v1/jobs/" + id + "/trajectory?maxPoints=" + v1;
            case 3 -> "/api/v1/jobs/" + id + "/plot.svg?kind=" + encode(pick(random, List.of("loss", "gradient-norm",
                    "contour", "x", "", "LOSS")));
            case 4 -> "/api/v1/datasets/" + id;
            case 5 -> "/api/v1/jobs/" + id;
            default -> "/api/v1/jobs?limit=" + v1;
        };
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "… (" + flat.length() + " chars)";
    }
}
