package dev.descent.ops;

import static dev.descent.ops.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard and the Prometheus rules as files: the dashboard covers what the issue
 * asks for and reads the provisioned datasource; every alert is complete; promtool, where
 * installed (Debian's prometheus package), accepts the config and the rules and passes the rule
 * unit tests. Which names the service really exports is {@link MonitoredMetricsTest}'s part.
 */
class MonitoringFilesTest {

    @Test
    void promQlMetricNamesAreFoundAndFunctionsLabelsAndRangesAreNot() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{uri!~\"/actuator.*\", instance=~\"$instance\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("sum(rate(a_total[5m])) / sum(rate(b_total[5m] offset 1h)) > 1e-3 and on(instance) up == 0 or vector(0)"))
                .containsExactly("a_total", "b_total", "up");
        assertThat(PromQl.metricNames("sum(x) by (status) unless ignoring(job) y{job=\"a:b\"}")).containsExactly("x", "y");
        assertThat(PromQl.metricNames("min_over_time(q[15m:1m]) > 0")).containsExactly("q");
    }

    @Test
    void theDashboardShowsJobsQueueLatencyLiveJobsJvmAndHttp() {
        assertThat(Monitoring.metricNamesUsed()).contains(
                "descent_jobs_submitted_total", "descent_jobs_finished_total", "descent_jobs_queued", "descent_jobs_running",
                "descent_job_duration_seconds_bucket", "descent_job_queue_wait_seconds_bucket",
                "descent_optimizer_iterations_total", "descent_job_loss", "jvm_memory_used_bytes",
                "process_cpu_usage", "system_cpu_usage", "http_server_requests_seconds_bucket");
        String all = String.join("\n", Monitoring.dashboardExpressions());
        assertThat(all).contains("sum by (status) (rate(descent_jobs_finished_total")
                .contains("histogram_quantile(0.99, sum by (le) (rate(descent_job_duration_seconds_bucket")
                .contains("sum by (optimizer) (rate(descent_optimizer_iterations_total");
        assertThat(Monitoring.panels()).anyMatch(p -> p.has("targets")
                && p.get("targets").get(0).get("legendFormat").asString().contains("{{job}}")
                && p.get("targets").get(0).get("expr").asString().startsWith("descent_job_loss"));
    }

    @Test
    void everyPanelReadsTheProvisionedDatasourceAndHasItsOwnId() {
        String uid = stringAt(Yamls.load(Monitoring.DATASOURCES), "datasources", 0, "uid");
        JsonNode dashboard = Monitoring.dashboard();
        assertThat(dashboard.get("uid").asString()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : Monitoring.panels()) {
            assertThat(ids.add(panel.get("id").asInt())).as("panel id " + panel.get("id")).isTrue();
            assertThat(panel.get("gridPos")).isNotNull();
            if (panel.get("type").asString().equals("row")) continue;
            assertThat(panel.get("datasource").get("uid").asString()).as(panel.get("title").asString()).isEqualTo(uid);
            assertThat(panel.get("targets")).isNotEmpty();
            panel.get("targets").forEach(t -> {
                assertThat(t.get("datasource").get("uid").asString()).isEqualTo(uid);
                assertThat(PromQl.metricNames(t.get("expr").asString())).as(t.get("expr").asString()).isNotEmpty();
            });
        }
        dashboard.get("templating").get("list").forEach(v -> assertThat(v.get("datasource").get("uid").asString()).isEqualTo(uid));
    }

    @Test
    void everyAlertHasAnExpressionADurationASeverityAndASummary() {
        List<Map<String, Object>> rules = Monitoring.alertRules();
        assertThat(rules).extracting(r -> r.get("alert")).contains("DescentInstanceDown", "DescentQueueGrowing", "DescentJobsFailing");
        for (Map<String, Object> rule : rules) {
            assertThat(stringAt(rule, "expr")).as(rule.get("alert").toString()).isNotBlank();
            assertThat(stringAt(rule, "for")).as(rule.get("alert").toString()).matches("[0-9]+[smh]");
            assertThat(stringAt(rule, "labels", "severity")).isIn("critical", "warning", "info");
            assertThat(stringAt(rule, "annotations", "summary")).isNotBlank();
        }
    }

    @Test
    void promtoolAcceptsTheConfigAndTheRulesAndTheRuleTestsPass() throws Exception {
        Path promtool = onPath("promtool");
        assumeTrue(promtool != null, "promtool is not installed (apt-get install prometheus); skipped");
        promtool(promtool, "check", "config", Monitoring.PROMETHEUS_CONFIG.toString());
        promtool(promtool, "check", "rules", Monitoring.RULES.toString());
        promtool(promtool, "test", "rules", Monitoring.RULE_TESTS.toString());
    }

    private static void promtool(Path promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private static Path onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst().orElse(null);
    }
}
