package dev.descent.ops;

import static dev.descent.ops.Yamls.ROOT;
import static dev.descent.ops.Yamls.at;
import static dev.descent.ops.Yamls.listAt;
import static dev.descent.ops.Yamls.mapAt;
import static dev.descent.ops.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, parsed (there is no Docker engine here to run it): every service has a
 * health check and waits for its dependencies' health, the service reaches PostgreSQL with the
 * credentials PostgreSQL is given, Prometheus scrapes the service, and Grafana's provisioning
 * mounts files that exist and agree with each other.
 */
class ComposeFileTest {
    static final Map<String, Object> COMPOSE = Yamls.load(ROOT.resolve("docker-compose.yml"));

    static Map<String, Object> service(String name) {
        return mapAt(COMPOSE, "services", name);
    }

    @Test
    void everyServiceHasAHealthCheckAndWaitsForItsDependenciesHealth() {
        assertThat(mapAt(COMPOSE, "services")).containsOnlyKeys("descent", "postgres", "prometheus", "grafana");
        for (String name : List.of("descent", "postgres", "prometheus", "grafana")) {
            assertThat(listAt(service(name), "healthcheck", "test")).as(name).isNotEmpty();
        }
        assertThat(stringAt(service("descent"), "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
        assertThat(stringAt(service("prometheus"), "depends_on", "descent", "condition")).isEqualTo("service_healthy");
        assertThat(stringAt(service("grafana"), "depends_on", "prometheus", "condition")).isEqualTo("service_healthy");
        assertThat(String.join(" ", strings(listAt(service("postgres"), "healthcheck", "test")))).contains("pg_isready");
    }

    @Test
    void theServiceIsBuiltFromTheDockerfileAndCheckedWithoutCurl() {
        Map<String, Object> descent = service("descent");
        assertThat(stringAt(descent, "build")).isEqualTo(".");
        assertThat(ROOT.resolve("Dockerfile")).exists();
        List<String> test = strings(listAt(descent, "healthcheck", "test"));
        assertThat(test).doesNotContain("curl", "wget").contains("java", "HealthCheck");
        assertThat(String.join(" ", test)).contains("/opt/healthcheck");
        assertThat(Yamls.read(ROOT.resolve("Dockerfile"))).contains("/opt/healthcheck");
        assertThat(strings(listAt(descent, "ports"))).anyMatch(p -> p.endsWith(":8080"));
        assertThat(stringAt(descent, "deploy", "replicas")).as("scalable to 2 with DESCENT_REPLICAS").contains("DESCENT_REPLICAS");
        assertThat(strings(listAt(descent, "volumes"))).anyMatch(v -> v.endsWith(":/data"));
    }

    @Test
    void theServiceReachesPostgresWithTheCredentialsPostgresIsGiven() {
        Map<String, Object> env = mapAt(service("descent"), "environment");
        Map<String, Object> pg = mapAt(service("postgres"), "environment");
        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
        assertThat(env.get("DESCENT_DATA_DIR")).isEqualTo("/data");
        assertThat(String.valueOf(env.get("JAVA_TOOL_OPTIONS"))).contains("MaxRAMPercentage")
                .contains("-XX:+UseTransparentHugePages");
        assertThat(strings(listAt(service("postgres"), "volumes"))).anyMatch(v -> v.endsWith(":/var/lib/postgresql/data"));
    }

    @Test
    void prometheusScrapesEveryReplicaOfTheServiceAndLoadsTheRules() {
        Map<String, Object> prometheus = service("prometheus");
        Path config = hostPathMountedAt(prometheus, configFileFlag(prometheus)).orElseThrow();
        Map<String, Object> scrape = Yamls.load(config);
        Map<String, Object> job = Yamls.map(listAt(scrape, "scrape_configs").stream()
                .filter(j -> "descent".equals(stringAt(j, "job_name"))).findFirst().orElseThrow());
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(strings(listAt(job, "dns_sd_configs", 0, "names"))).containsExactly("descent");
        assertThat(at(job, "dns_sd_configs", 0, "port")).isEqualTo(8080);
        assertThat(job.get("honor_labels")).as("keeps the live gauges' job label").isEqualTo(true);

        // rule_files are relative to the config file; they must resolve inside the container too.
        String rules = stringAt(scrape, "rule_files", 0);
        Path rulesOnHost = config.getParent().resolve(rules).getParent();
        assertThat(rulesOnHost).isDirectory();
        assertThat(hostPathMountedAt(prometheus, "/etc/prometheus/" + Path.of(rules).getParent())).contains(rulesOnHost.normalize());
        assertThat(hostPathMountedAt(prometheus, "/etc/prometheus/prometheus.yml")).contains(config);
    }

    @Test
    void grafanaIsProvisionedFromFilesInTheRepository() throws Exception {
        Map<String, Object> grafana = service("grafana");
        for (String mount : strings(listAt(grafana, "volumes"))) {
            if (mount.startsWith("./")) assertThat(ROOT.resolve(mount.split(":")[0]).normalize()).as(mount).exists();
        }
        Path datasources = hostPathMountedAt(grafana, "/etc/grafana/provisioning/datasources").orElseThrow();
        Map<String, Object> datasource = Yamls.mapAt(Yamls.load(datasources.resolve("prometheus.yml")), "datasources", 0);
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(strings(listAt(service("prometheus"), "ports"))).contains("9090:9090");

        Path providers = hostPathMountedAt(grafana, "/etc/grafana/provisioning/dashboards").orElseThrow();
        String dashboardsInContainer = stringAt(Yamls.load(providers.resolve("descent.yml")), "providers", 0, "options", "path");
        Path dashboards = hostPathMountedAt(grafana, dashboardsInContainer).orElseThrow();
        String json = Files.readString(dashboards.resolve("descent.json"));
        assertThat(json).contains("\"uid\": \"" + datasource.get("uid") + "\"");

        Map<String, Object> env = mapAt(grafana, "environment");
        String home = String.valueOf(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
        assertThat(hostPathMountedAt(grafana, Path.of(home).getParent().toString())).contains(dashboards);
        assertThat(env.get("GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("true");
        assertThat(env.get("GF_AUTH_ANONYMOUS_ORG_ROLE")).isEqualTo("Viewer");
        assertThat(strings(listAt(grafana, "ports"))).contains("3000:3000");
    }

    static String configFileFlag(Map<String, Object> service) {
        return strings(listAt(service, "command")).stream().filter(c -> c.startsWith("--config.file="))
                .map(c -> c.substring("--config.file=".length())).findFirst().orElse("/etc/prometheus/prometheus.yml");
    }

    /** The repository path bind-mounted at {@code target}, if any. */
    static Optional<Path> hostPathMountedAt(Map<String, Object> service, String target) {
        return strings(listAt(service, "volumes")).stream().map(v -> v.split(":"))
                .filter(p -> p[0].startsWith("./") && p[1].equals(target))
                .map(p -> ROOT.resolve(p[0]).normalize()).findFirst();
    }

    static List<String> strings(List<Object> list) {
        return list.stream().map(String::valueOf).toList();
    }
}
