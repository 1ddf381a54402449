import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of tiny jobs over HTTP: a freshly started jar on its embedded store, several clients
 * each submitting a 2-variable quadratic with 100 gradient-descent iterations back to back, then
 * waiting until no job is queued or running. Reports jobs per second from the first POST to the
 * last job's finish, and the POST latency percentiles. A warm-up round runs first and is not counted;
 * then several rounds of the same size are each reported, because on two cores the JIT compiler is
 * still compiling the request path through the first measured rounds (it takes a share of the cores
 * then), so the first round shows the service still warming up and the later ones its steady state.
 * Each client keeps one HTTP/1.1 connection open and writes and reads it directly (no HTTP library),
 * so the load generator's own CPU per job stays small next to the service's on the shared cores.
 *
 * <p>Usage (from the repository root; the JDK runs this single file without a build):
 * <pre>
 *   ./mvnw -q -DskipTests package
 *   java bench/ServiceThroughput.java [clients=8] [jobs=20000] [rounds=3] [JVM options and --service.options…]
 * </pre>
 * The environment variable DESCENT_JAR names another jar to start instead, to compare two builds.
 *
 * <p>With {@code THROUGHPUT_FLOOR=1} the clients send the same job with a negative learning rate
 * instead, which the service refuses with a 400 after reading, binding and validating it: the cost
 * of the HTTP request and its JSON alone, with nothing stored or run (the floor under a job's cost).
 */
public class ServiceThroughput {
    private static final String JOB = """
            {"problem": {"type": "quadratic", "diagonal": [1, 3], "b": [1, 1]},
             "optimizer": {"type": "gd", "learningRate": 0.1},
             "stopping": {"maxIterations": 100, "gradientTolerance": 0}}""";
    private static final boolean FLOOR = "1".equals(System.getenv("THROUGHPUT_FLOOR"));
    private static final String BODY = FLOOR ? JOB.replace("\"learningRate\": 0.1", "\"learningRate\": -0.1") : JOB;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        boolean roundsGiven = args.length > 2 && args[2].matches("\\d+");
        int rounds = roundsGiven ? Integer.parseInt(args[2]) : 3;
        int skip = roundsGiven ? 3 : 2;
        Path jar;
        if (System.getenv("DESCENT_JAR") != null) {  // another build to compare with
            jar = Path.of(System.getenv("DESCENT_JAR"));
        } else {
            try (var files = Files.list(Path.of("target"))) {
                jar = files.filter(p -> p.getFileName().toString().matches("descent-.*\\.jar")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no target/descent-*.jar: run ./mvnw -q -DskipTests package"));
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = Files.createTempDirectory("descent-throughput-");
        // Further arguments: JVM options (-X…, -D…) go before -jar, the others (--name=value) to the service.
        List<String> extra = Arrays.asList(args).subList(Math.min(skip, args.length), args.length);
        List<String> command = new ArrayList<>(List.of("java"));
        extra.stream().filter(a -> !a.startsWith("--")).forEach(command::add);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--descent.data-dir=" + data));
        extra.stream().filter(a -> a.startsWith("--")).forEach(command::add);
        Process service = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("service.log").toFile()).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String base = "http://127.0.0.1:" + port;
        try {
            long t0 = System.nanoTime();
            while (true) {
                try {
                    if (get(http, base + "/actuator/health/readiness").contains("\"UP\"")) break;
                } catch (IOException e) {
                    Thread.sleep(50);
                }
            }
            System.out.printf("ready after %.2f s%n", (System.nanoTime() - t0) / 1e9);
            round(http, base, clients, Math.max(2000, jobs / 5), false, service);
            for (int r = 1; r <= rounds; r++) {
                System.out.printf("round %d of %d:%n", r, rounds);
                round(http, base, clients, jobs, true, service);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static void round(HttpClient http, String base, int clients, int jobs, boolean report, Process service)
            throws Exception {
        Duration cpu0 = cpu(service), client0 = cpu(ProcessHandle.current());
        long[] latency = new long[jobs];
        String[] ids = new String[jobs];
        AtomicInteger next = new AtomicInteger(), refused = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            new Thread(() -> {
                try (Connection connection = new Connection(port(base))) {
                    byte[] request = ("POST /api/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + BODY)
                            .getBytes(StandardCharsets.UTF_8);
                    for (int i; (i = next.getAndIncrement()) < jobs; ) {
                        while (true) {
                            long t = System.nanoTime();
                            int status = connection.exchange(request);
                            latency[i] = System.nanoTime() - t;
                            String body = connection.body();
                            if (FLOOR && status == 400) break;
                            if (status == 202) {
                                Matcher m = ID.matcher(body);
                                if (!m.find()) throw new IllegalStateException("no id in " + body);
                                ids[i] = m.group(1);
                                break;
                            }
                            if (status != 429 && status != 503) throw new IllegalStateException(status + " " + body);
                            refused.incrementAndGet();
                            Thread.sleep(1);
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(1);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        long submitted = System.nanoTime();
        // Done when nothing is queued or running any more; then every 50th job is checked to have succeeded.
        while (get(http, base + "/api/v1/jobs?status=QUEUED&limit=1").contains("\"id\"")
                || get(http, base + "/api/v1/jobs?status=RUNNING&limit=1").contains("\"id\"")) {
            Thread.sleep(20);
        }
        long finished = System.nanoTime();
        Duration cpu = cpu(service).minus(cpu0), clientCpu = cpu(ProcessHandle.current()).minus(client0);
        for (int i = 0; i < jobs && !FLOOR; i += 50) {
            Matcher m = STATUS.matcher(get(http, base + "/api/v1/jobs/" + ids[i]));
            if (!m.find() || !m.group(1).equals("SUCCEEDED")) throw new IllegalStateException(ids[i] + " did not succeed");
        }
        if (!report) return;
        Arrays.sort(latency);
        double seconds = (finished - start) / 1e9;
        if (FLOOR) System.out.println("refused requests only (THROUGHPUT_FLOOR): nothing stored or run");
        System.out.printf("%d clients, %d jobs: %.0f jobs/s end to end (%.2f s; all POSTs answered after %.2f s, %d refused)%n",
                clients, jobs, jobs / seconds, seconds, (submitted - start) / 1e9, refused.get());
        System.out.printf("POST latency ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f%n", q(latency, 0.5), q(latency, 0.9),
                q(latency, 0.99), latency[jobs - 1] / 1e6);
        // CPU time per job hardly depends on what else the machine runs, unlike the rates above.
        System.out.printf("CPU per job: service %.0f µs, load generator %.0f µs (%d cores)%n", cpu.toNanos() / 1e3 / jobs,
                clientCpu.toNanos() / 1e3 / jobs, Runtime.getRuntime().availableProcessors());
    }

    private static int port(String base) {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    /**
     * One kept-alive HTTP/1.1 connection that sends prepared request bytes and reads the answer
     * (status line, headers, a body of Content-Length bytes or in chunks), and opens a new connection
     * when the server says it closes this one: the lightest load
     * generator that still speaks real HTTP, so the clients take little of the two cores.
     */
    private static final class Connection implements AutoCloseable {
        private final int port;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int start, end;
        private String body = "";

        Connection(int port) throws IOException {
            this.port = port;
            open();
        }

        private void open() throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            start = end = 0;
        }

        /** Sends the request and reads the whole answer; returns its status code. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            int length = -1;
            boolean chunked = false, close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String h = header.toLowerCase(java.util.Locale.ROOT);
                if (h.startsWith("content-length:")) length = Integer.parseInt(h.substring(15).trim());
                if (h.startsWith("transfer-encoding:") && h.contains("chunked")) chunked = true;
                if (h.startsWith("connection:") && h.contains("close")) close = true;
            }
            var bytes = new java.io.ByteArrayOutputStream();
            if (chunked) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; line()) read(size, bytes);
                line();
            } else if (length > 0) {
                read(length, bytes);
            }
            body = bytes.toString(StandardCharsets.UTF_8);
            if (close) {  // the server ends the connection after so many requests: open the next one
                socket.close();
                open();
            }
            return status;
        }

        String body() {
            return body;
        }

        private void fill() throws IOException {
            if (start == end) {
                start = 0;
                end = in.read(buffer);
                if (end < 0) throw new IOException("connection closed");
            }
        }

        private String line() throws IOException {
            var text = new StringBuilder();
            while (true) {
                fill();
                byte b = buffer[start++];
                if (b == '\n') return text.toString();
                if (b != '\r') text.append((char) b);
            }
        }

        private void read(int n, java.io.ByteArrayOutputStream to) throws IOException {
            while (n > 0) {
                fill();
                int k = Math.min(n, end - start);
                to.write(buffer, start, k);
                start += k;
                n -= k;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Duration cpu(Process process) {
        return cpu(process.toHandle());
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for " + process));
    }

    private static double q(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
