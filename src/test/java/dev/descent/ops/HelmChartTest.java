package dev.descent.ops;

import static dev.descent.ops.Yamls.at;
import static dev.descent.ops.Yamls.listAt;
import static dev.descent.ops.Yamls.map;
import static dev.descent.ops.Yamls.mapAt;
import static dev.descent.ops.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart, linted and rendered in-process by helm-java (the Helm library itself), for the
 * default values and for PostgreSQL + ServiceMonitor + HPA; the rendered manifests are parsed and
 * checked for what a cluster would otherwise find out at deploy time.
 */
class HelmChartTest {
    static final Path CHART = Yamls.ROOT.resolve("helm/descent");
    static final Path POSTGRES_VALUES = Yamls.ROOT.resolve("src/test/resources/ops/values-postgres.yaml");

    @Test
    void chartLintsCleanInStrictMode() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void defaultValuesRenderOneSafeDeploymentWithTheEmbeddedStore() {
        Manifests m = render(t -> t);
        assertThat(m.kinds()).contains("Deployment", "Service", "ConfigMap", "ServiceAccount")
                .doesNotContain("Secret", "ServiceMonitor", "HorizontalPodAutoscaler", "PersistentVolumeClaim", "Ingress");
        Map<String, Object> deployment = m.one("Deployment");
        assertThat(at(deployment, "spec", "replicas")).isEqualTo(1);
        Map<String, Object> container = container(deployment);
        assertThat(container.get("image")).isEqualTo("descent:0.1.0");

        assertProbesHitTheHealthGroupsOnAContainerPort(container, "http");
        assertServiceReachesTheContainer(m.one("Service"), container, 8080);
        assertRunsAsNonRootOnAReadOnlyRoot(deployment, container);

        Map<String, Object> config = mapAt(m.one("ConfigMap"), "data");
        assertThat(config).containsEntry("SERVER_PORT", "8080").containsEntry("DESCENT_DATA_DIR", "/data")
                .containsEntry("DESCENT_METRICS_LIVE_JOBS", "20").containsEntry("DESCENT_JOBS_QUEUE_CAPACITY", "10000")
                .containsEntry("DESCENT_JOBS_MAX_TRAJECTORY_POINTS", "1000000").containsEntry("DESCENT_JOBS_RETENTION", "P7D")
                .doesNotContainKeys("SPRING_DATASOURCE_URL", "DESCENT_JOBS_WORKERS", "MANAGEMENT_SERVER_PORT");
        assertThat(config.get("JAVA_TOOL_OPTIONS")).asString().contains("-XX:MaxRAMPercentage=75")
                .contains("-XX:+UseTransparentHugePages");
        assertThat(stringAt(container, "envFrom", 0, "configMapRef", "name")).isEqualTo(stringAt(m.one("ConfigMap"), "metadata", "name"));
        assertThat(container).doesNotContainKey("env");
        assertThat(volume(deployment, mountedAt(container, "/data"))).containsKey("emptyDir");
        assertThat(stringAt(deployment, "spec", "template", "spec", "serviceAccountName"))
                .isEqualTo(stringAt(m.one("ServiceAccount"), "metadata", "name"));
    }

    @Test
    void kubernetesWaitsLongerThanTheGracefulShutdown() throws Exception {
        Properties app = new Properties();
        try (var in = HelmChartTest.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        assertThat(app.getProperty("server.shutdown")).isEqualTo("graceful");
        Duration phase = Duration.parse("PT" + app.getProperty("spring.lifecycle.timeout-per-shutdown-phase").toUpperCase());
        Map<String, Object> pod = mapAt(render(t -> t).one("Deployment"), "spec", "template", "spec");
        assertThat(Duration.ofSeconds((Integer) pod.get("terminationGracePeriodSeconds"))).isGreaterThan(phase);
        String composeGrace = stringAt(ComposeFileTest.service("descent"), "stop_grace_period");
        assertThat(Duration.parse("PT" + composeGrace.toUpperCase())).isGreaterThan(phase);
    }

    @Test
    void postgresServiceMonitorAndAutoscalingValuesWireSecretsMonitoringAndTheHpa() {
        Manifests m = render(t -> t.withValuesFile(POSTGRES_VALUES));
        assertThat(m.kinds()).contains("Deployment", "Service", "ConfigMap", "Secret", "ServiceMonitor", "HorizontalPodAutoscaler");
        Map<String, Object> deployment = m.one("Deployment");
        Map<String, Object> container = container(deployment);
        assertThat(container.get("image")).isEqualTo("registry.example.com/descent:1.2.3");
        assertThat(at(deployment, "spec", "replicas")).as("the HPA owns the replica count").isNull();
        assertProbesHitTheHealthGroupsOnAContainerPort(container, "http");
        assertServiceReachesTheContainer(m.one("Service"), container, 8080);
        assertRunsAsNonRootOnAReadOnlyRoot(deployment, container);

        Map<String, Object> config = mapAt(m.one("ConfigMap"), "data");
        assertThat(config).containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres.db.svc:5432/descent")
                .containsEntry("DESCENT_JOBS_WORKERS", "4").containsEntry("DESCENT_METRICS_LIVE_JOBS", "5");
        Map<String, Object> secret = m.one("Secret");
        assertThat(decoded(secret, secretRef(container, "SPRING_DATASOURCE_USERNAME", secret))).isEqualTo("descent");
        assertThat(decoded(secret, secretRef(container, "SPRING_DATASOURCE_PASSWORD", secret))).isEqualTo("s3cret");
        assertThat(config.values()).as("the password stays in the Secret").doesNotContain("s3cret");

        Map<String, Object> monitor = m.one("ServiceMonitor");
        Map<String, Object> service = m.one("Service");
        assertThat(stringAt(monitor, "spec", "endpoints", 0, "path")).isEqualTo("/actuator/prometheus");
        assertThat(servicePortNames(service)).contains(stringAt(monitor, "spec", "endpoints", 0, "port"));
        assertThat(mapAt(service, "metadata", "labels")).containsAllEntriesOf(mapAt(monitor, "spec", "selector", "matchLabels"));
        assertThat(mapAt(monitor, "metadata", "labels")).containsEntry("release", "kube-prometheus-stack");
        assertThat(at(monitor, "spec", "endpoints", 0, "honorLabels")).isEqualTo(true);

        Map<String, Object> hpa = m.one("HorizontalPodAutoscaler");
        assertThat(stringAt(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(stringAt(deployment, "metadata", "name"));
        assertThat(stringAt(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
        assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(2);
        assertThat(at(hpa, "spec", "maxReplicas")).isEqualTo(5);
        assertThat(at(hpa, "spec", "metrics", 0, "resource", "target", "averageUtilization")).isEqualTo(70);
    }

    @Test
    void anExistingSecretReplacesTheChartsOwn() {
        Manifests m = render(t -> t.set("database.url", "jdbc:postgresql://db:5432/descent")
                .set("database.existingSecret", "descent-db").set("database.passwordKey", "pw"));
        assertThat(m.kinds()).doesNotContain("Secret");
        Map<String, Object> container = container(m.one("Deployment"));
        List<Object> env = listAt(container, "env");
        assertThat(env).extracting(e -> stringAt(e, "valueFrom", "secretKeyRef", "name")).containsOnly("descent-db");
        assertThat(env).extracting(e -> stringAt(e, "valueFrom", "secretKeyRef", "key")).containsExactly("username", "pw");
    }

    @Test
    void aSeparateManagementPortCarriesProbesAndScrapes() {
        Manifests m = render(t -> t.set("managementPort", 8081).set("serviceMonitor.enabled", true));
        Map<String, Object> container = container(m.one("Deployment"));
        assertProbesHitTheHealthGroupsOnAContainerPort(container, "management");
        assertThat(containerPort(container, "management")).isEqualTo(8081);
        assertThat(mapAt(m.one("ConfigMap"), "data")).containsEntry("MANAGEMENT_SERVER_PORT", "8081");
        assertThat(stringAt(m.one("ServiceMonitor"), "spec", "endpoints", 0, "port")).isEqualTo("management");
        assertThat(servicePortNames(m.one("Service"))).contains("http", "management");
    }

    @Test
    void persistenceClaimsAVolumeForTheDataDirectory() {
        Manifests m = render(t -> t.set("persistence.enabled", true).set("persistence.size", "20Gi"));
        Map<String, Object> deployment = m.one("Deployment");
        Map<String, Object> claim = m.one("PersistentVolumeClaim");
        assertThat(stringAt(claim, "spec", "resources", "requests", "storage")).isEqualTo("20Gi");
        assertThat(stringAt(volume(deployment, mountedAt(container(deployment), "/data")), "persistentVolumeClaim", "claimName"))
                .isEqualTo(stringAt(claim, "metadata", "name"));
        assertThat(stringAt(deployment, "spec", "strategy", "type")).isEqualTo("Recreate");
    }

    @Test
    void settingsThatCannotWorkAreRefused() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", 2)))
                .hasMessageContaining("needs database.url");
        assertThatThrownBy(() -> render(t -> t.set("database.url", "jdbc:postgresql://db/descent")))
                .hasMessageContaining("database.password");
        assertThatThrownBy(() -> render(t -> t.set("config.jobs.retention", "seven days")))
                .as("values.schema.json").hasMessageContaining("retention");
        assertThatThrownBy(() -> render(t -> t.set("containerPort", 70000)))
                .as("values.schema.json").hasMessageContaining("containerPort");
    }

    // --- rendering and checks

    record Manifests(List<Map<String, Object>> docs) {
        List<String> kinds() {
            return docs.stream().map(d -> String.valueOf(d.get("kind"))).toList();
        }

        Map<String, Object> one(String kind) {
            List<Map<String, Object>> found = docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
            assertThat(found).as(kind).hasSize(1);
            return found.get(0);
        }
    }

    static Manifests render(UnaryOperator<TemplateCommand> values) {
        String yaml = values.apply(new Helm(CHART).template().withName("descent").withNamespace("optimization")).call();
        return new Manifests(Yamls.loadAll(yaml));
    }

    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = listAt(deployment, "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    static void assertProbesHitTheHealthGroupsOnAContainerPort(Map<String, Object> container, String portName) {
        assertThat(stringAt(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(stringAt(container, "startupProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(stringAt(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(stringAt(container, probe, "httpGet", "port")).as(probe).isEqualTo(portName);
        }
        assertThat(containerPort(container, portName)).as("a container port named " + portName).isNotNull();
    }

    static void assertServiceReachesTheContainer(Map<String, Object> service, Map<String, Object> container, int port) {
        Object targetPort = at(service, "spec", "ports", 0, "targetPort");
        assertThat(targetPort).isEqualTo("http");
        assertThat(containerPort(container, "http")).isEqualTo(port);
        assertThat(at(service, "spec", "ports", 0, "port")).isEqualTo(port);
        Map<String, Object> podLabels = mapAt(service, "metadata", "labels");
        assertThat(podLabels).containsAllEntriesOf(mapAt(service, "spec", "selector"));
    }

    static void assertRunsAsNonRootOnAReadOnlyRoot(Map<String, Object> deployment, Map<String, Object> container) {
        Map<String, Object> pod = mapAt(deployment, "spec", "template", "spec");
        assertThat(at(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(at(container, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(at(container, "securityContext", "runAsUser")).isEqualTo(10001);
        assertThat(at(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(listAt(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
        assertThat(volume(deployment, mountedAt(container, "/tmp"))).as("writable /tmp").containsKey("emptyDir");
        assertThat(container).containsKey("resources");
        assertThat(mapAt(container, "resources", "limits")).containsKey("memory");
    }

    static Integer containerPort(Map<String, Object> container, String name) {
        return listAt(container, "ports").stream().filter(p -> name.equals(stringAt(p, "name")))
                .map(p -> (Integer) at(p, "containerPort")).findFirst().orElse(null);
    }

    static List<String> servicePortNames(Map<String, Object> service) {
        return listAt(service, "spec", "ports").stream().map(p -> stringAt(p, "name")).toList();
    }

    static String mountedAt(Map<String, Object> container, String path) {
        return listAt(container, "volumeMounts").stream().filter(v -> path.equals(stringAt(v, "mountPath")))
                .map(v -> stringAt(v, "name")).findFirst().orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    static Map<String, Object> volume(Map<String, Object> deployment, String name) {
        return listAt(deployment, "spec", "template", "spec", "volumes").stream().filter(v -> name.equals(stringAt(v, "name")))
                .map(Yamls::map).findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** The Secret key that env var {@code name} reads, after checking it reads this Secret. */
    static String secretRef(Map<String, Object> container, String name, Map<String, Object> secret) {
        Object ref = listAt(container, "env").stream().filter(e -> name.equals(stringAt(e, "name")))
                .map(e -> at(e, "valueFrom", "secretKeyRef")).findFirst().orElseThrow(() -> new AssertionError("no env " + name));
        assertThat(stringAt(ref, "name")).isEqualTo(stringAt(secret, "metadata", "name"));
        return stringAt(ref, "key");
    }

    static String decoded(Map<String, Object> secret, String key) {
        String encoded = stringAt(secret, "data", key);
        assertThat(encoded).as("Secret key " + key).isNotNull();
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    }
}
