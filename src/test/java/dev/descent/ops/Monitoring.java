package dev.descent.ops;

import static dev.descent.ops.Yamls.ROOT;
import static dev.descent.ops.Yamls.listAt;
import static dev.descent.ops.Yamls.stringAt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** The shipped monitoring files, and the PromQL expressions in them. */
final class Monitoring {
    static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/descent.json");
    static final Path PROMETHEUS_CONFIG = ROOT.resolve("deploy/prometheus/prometheus.yml");
    static final Path RULES = ROOT.resolve("deploy/prometheus/rules/descent.yml");
    static final Path RULE_TESTS = ROOT.resolve("deploy/prometheus/tests/descent-rules-test.yml");
    static final Path DATASOURCES = ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yml");
    /** Series that Prometheus itself makes for every target; the service cannot export them. */
    static final Set<String> MADE_BY_PROMETHEUS = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private Monitoring() {}

    static JsonNode dashboard() {
        return Http.JSON.readTree(Yamls.read(DASHBOARD));
    }

    /** Every panel, rows' nested panels included. */
    static List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard().get("panels")) {
            out.add(p);
            if (p.has("panels")) p.get("panels").forEach(out::add);
        }
        return out;
    }

    static List<String> dashboardExpressions() {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : panels()) {
            if (panel.has("targets")) panel.get("targets").forEach(t -> exprs.add(t.get("expr").asString()));
        }
        for (JsonNode variable : dashboard().get("templating").get("list")) {
            String query = variable.get("definition").asString();
            // label_values(metric, label): the metric is the one read.
            exprs.add(query.replaceFirst("^label_values\\((\\w+),.*$", "$1"));
        }
        return exprs;
    }

    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : listAt(Yamls.load(RULES), "groups")) {
            listAt(group, "rules").forEach(r -> rules.add(Yamls.map(r)));
        }
        return rules;
    }

    static List<String> ruleExpressions() {
        return alertRules().stream().map(r -> stringAt(r, "expr")).toList();
    }

    /** Every metric name the dashboard and the alert rules read. */
    static Set<String> metricNamesUsed() {
        Set<String> names = new TreeSet<>();
        Stream.concat(dashboardExpressions().stream(), ruleExpressions().stream()).map(PromQl::metricNames).forEach(names::addAll);
        return names;
    }
}
