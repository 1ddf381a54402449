import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container health check: exit 0 when the readiness group answers 200, else 1. The JRE image
 * has no curl or wget, so this small class (compiled in the build stage) asks instead. The port
 * is MANAGEMENT_SERVER_PORT when the actuator has its own port, else SERVER_PORT, else 8080.
 */
public final class HealthCheck {
    public static void main(String[] args) {
        String port = firstSet(System.getenv("MANAGEMENT_SERVER_PORT"), System.getenv("SERVER_PORT"), "8080");
        String path = args.length > 0 ? args[0] : "/actuator/health/readiness";
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) System.err.println(path + " answered " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (Exception e) {
            System.err.println(path + " did not answer: " + e);
            System.exit(1);
        }
    }

    private static String firstSet(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }
}
