package dev.byok.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.byok.localstack.RepoLayout;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The alert rules, the Prometheus config beside compose and the Grafana dashboard under
 * deploy/monitoring: valid to promtool (Debian package prometheus; {@code ./run-tests} installs it,
 * and without it the promtool checks are skipped saying so), equal to what the Kubernetes
 * deployment ships, and naming only metrics the services export (docs/metrics.md).
 */
class MonitoringFilesTest {

    private static final Path MONITORING = RepoLayout.root().resolve("deploy/monitoring");
    private static final Path ALERTS = MONITORING.resolve("byok-alerts.yml");
    private static final Path DASHBOARD = MONITORING.resolve("byok-dashboard.json");

    @Test
    void promtoolAcceptsTheAlertRules() throws Exception {
        String output = promtool("check", "rules", ALERTS.toString());

        assertThat(output).contains("SUCCESS");
    }

    @Test
    void promtoolAcceptsThePrometheusConfigBesideCompose() throws Exception {
        assertThat(promtool("check", "config", MONITORING.resolve("prometheus.yml").toString())).contains("SUCCESS");
    }

    /** promtool reads every dashboard query as a recording rule: a query Prometheus cannot parse fails here. */
    @Test
    void promtoolParsesEveryDashboardQuery(@TempDir Path dir) throws Exception {
        List<Map<String, Object>> rules = new ArrayList<>();
        int i = 0;
        for (String query : dashboardQueries()) {
            rules.add(Map.of("record", "byok:dashboard_query_" + i++, "expr", query.replace("$org", ".*")));
        }
        Path file = dir.resolve("dashboard-queries.yml");
        Files.writeString(file, new Yaml().dump(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules)))));

        assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + rules.size() + " rules found");
    }

    @Test
    void theAlertRulesCoverWhatAnOperatorIsPagedFor() throws IOException {
        List<String> alerts = alertRules().stream().map(r -> (String) r.get("alert")).toList();

        assertThat(alerts).contains("ByokNoWorkerUp", "ByokWorkerDown", "ByokOrgBacklogGrowing", "ByokIngressLagGrowing",
                "ByokOrgKeyFailing", "ByokCooldownStorm");
        for (Map<String, Object> rule : alertRules()) {
            assertThat((Map<String, Object>) labels(rule)).as((String) rule.get("alert")).containsKey("severity");
            assertThat(annotations(rule)).as((String) rule.get("alert")).containsKeys("summary", "description");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKubernetesDeploymentShipsTheSameRules() throws IOException {
        GenericKubernetesResource rule = KubernetesManifests.custom(KubernetesManifests.read(
                RepoLayout.root().resolve("deploy/kubernetes/monitoring.yaml")), "PrometheusRule").getFirst();
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));

        assertThat((List<Object>) rule.get("spec", "groups")).isEqualTo(file.get("groups"));
    }

    @Test
    void everyMetricTheDashboardAndAlertsNameIsOneTheServicesExport() throws IOException {
        MetricsCatalogue catalogue = MetricsCatalogue.read();
        assertThat(catalogue.entries()).hasSizeGreaterThan(20);
        Map<String, String> queries = new LinkedHashMap<>();
        alertRules().forEach(rule -> queries.put("alert " + rule.get("alert"), (String) rule.get("expr")));
        dashboardQueries().forEach(query -> queries.put("dashboard: " + query, query));

        queries.forEach((where, query) -> {
            assertThat(MetricsCatalogue.namesIn(query)).as(where).isNotEmpty()
                    .allSatisfy(name -> assertThat(catalogue.knows(name)).as(where + " names " + name).isTrue());
        });
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() throws IOException {
        List<String> titles = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> titles.add(panel.path("title").asString()));

        assertThat(titles).anyMatch(t -> t.contains("Backlog per org")).anyMatch(t -> t.contains("lag"))
                .anyMatch(t -> t.contains("Permits in use vs cap")).anyMatch(t -> t.contains("Fallback rate"))
                .anyMatch(t -> t.contains("Outcomes by status and error code"))
                .anyMatch(t -> t.contains("Provider latency")).anyMatch(t -> t.contains("Tokens"));
    }

    private static List<String> dashboardQueries() throws IOException {
        List<String> queries = new ArrayList<>();
        dashboard().path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> queries.add(target.path("expr").asString())));
        assertThat(queries).isNotEmpty().doesNotContain("");
        return queries;
    }

    private static JsonNode dashboard() throws IOException {
        return dev.byok.model.Json.lenient().readTree(Files.readString(DASHBOARD));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ALERTS));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> labels(Map<String, Object> rule) {
        return (Map<String, Object>) rule.get("labels");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> annotations(Map<String, Object> rule) {
        return (Map<String, Object>) rule.get("annotations");
    }

    private static String promtool(String... args) throws Exception {
        Path tool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(tool), "promtool is not installed here (Debian package prometheus; "
                + "./run-tests installs it as root): the promtool checks are skipped");
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
