package dev.descent.durability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real service as a separate operating-system process (this test run's classpath), so tests
 * can kill it with SIGKILL, pause it with SIGSTOP and start it again on the same store.
 */
final class ServiceProcess implements AutoCloseable {
    final int port;
    final Path log;
    private final Process process;

    private ServiceProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static ServiceProcess start(Path workDir, String name, String... properties) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "dev.descent.DescentApplication",
                "--server.port=" + port, "--descent.jobs.node=" + name, "--logging.level.root=WARN",
                "--logging.level.dev.descent=INFO"));
        for (String p : properties) command.add("--" + p);
        Path log = workDir.resolve(name + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(port, log, process);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    private void awaitReady(Duration atMost) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the service exited:\n" + Files.readString(log));
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not become ready:\n" + Files.readString(log));
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hooks, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + name + " failed");
    }

    /** SIGTERM, the graceful path; true when the process exited within {@code atMost}. */
    boolean stop(Duration atMost) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) kill();
        return exited;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            try {
                resume();
            } catch (IOException | IllegalStateException ignored) {
                // already gone
            }
            kill();
        }
    }
}
