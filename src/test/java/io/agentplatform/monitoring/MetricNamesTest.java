package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts and dashboards read only series that exist: the agent's, as listed in its metrics contract
 * ({@code app/metrics-contract.txt}, which the agent's own test checks against its real /metrics), or series of
 * the monitoring stack itself, listed here explicitly.
 */
class MetricNamesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Series that kube-state-metrics, cAdvisor (kubelet), node-exporter and Prometheus itself expose. */
    private static final Set<String> PLATFORM_SERIES = Set.of(
            // Prometheus
            "up", "ALERTS", "prometheus_tsdb_head_series",
            // kube-state-metrics
            "kube_pod_container_status_restarts_total", "kube_pod_status_ready", "kube_pod_status_phase",
            "kube_pod_container_resource_limits", "kube_deployment_spec_replicas",
            "kube_deployment_status_replicas_available", "kube_node_status_condition",
            // cAdvisor and kubelet
            "container_memory_working_set_bytes", "container_cpu_usage_seconds_total",
            "container_cpu_cfs_throttled_periods_total", "container_cpu_cfs_periods_total",
            "kubelet_volume_stats_used_bytes", "kubelet_volume_stats_capacity_bytes",
            // node-exporter
            "node_cpu_seconds_total", "node_memory_MemAvailable_bytes", "node_memory_MemTotal_bytes",
            "node_filesystem_avail_bytes", "node_filesystem_size_bytes");

    static Set<String> contract() throws IOException {
        Path file = StackPlans.projectDir().resolve("app/metrics-contract.txt");
        assertTrue(Files.isRegularFile(file), "the agent's metrics contract must exist at " + file);
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                names.add(t);
            }
        }
        return names;
    }

    @Test
    void theExtractorFindsMetricNamesAndNothingElse() {
        assertEquals(Set.of("a_total", "b_bucket"), PromqlMetricNames.of(
                "sum by (le, uri) (rate(a_total{job=\"x\", status=~\"5..\"}[5m])) / on (pod) group_left "
                        + "histogram_quantile(0.99, b_bucket[$__rate_interval]) > (14.4 * 0.005) and vector(1)"));
    }

    @Test
    void everyAlertExpressionReadsOnlyKnownSeries() throws IOException {
        Set<String> known = new TreeSet<>(contract());
        known.addAll(PLATFORM_SERIES);
        Plan plan = StackPlans.of("production");
        Map<String, Set<String>> unknown = new TreeMap<>();
        int expressions = 0;
        for (var rule : plan.ofType(MonitoringObjects.PROMETHEUS_RULE)) {
            for (JsonNode group : rule.input("spec.groups")) {
                for (JsonNode r : group.path("rules")) {
                    expressions++;
                    Set<String> names = PromqlMetricNames.of(r.path("expr").asText());
                    assertTrue(!names.isEmpty(), r.path("alert").asText() + " reads no series at all");
                    names.removeAll(known);
                    if (!names.isEmpty()) {
                        unknown.put(r.path("alert").asText(), names);
                    }
                }
            }
        }
        assertTrue(expressions >= 8, "expected the agent's alert rules, found " + expressions);
        assertEquals(Map.of(), unknown, "alerts reading series that neither the agent contract nor the platform provides");
    }

    @Test
    void everyDashboardQueryReadsOnlyKnownSeries() throws IOException {
        Set<String> known = new TreeSet<>(contract());
        known.addAll(PLATFORM_SERIES);
        Map<String, Set<String>> unknown = new TreeMap<>();
        List<String> prometheusQueries = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (JsonNode target : JSON.readTree(file.toFile()).findValues("targets")) {
                for (JsonNode t : target) {
                    if (!t.path("datasource").path("uid").asText().equals("prometheus")) {
                        continue;
                    }
                    String expr = t.path("expr").asText();
                    prometheusQueries.add(expr);
                    Set<String> names = PromqlMetricNames.of(expr);
                    names.removeAll(known);
                    if (!names.isEmpty()) {
                        unknown.put(file.getFileName() + ": " + expr, names);
                    }
                }
            }
        }
        assertTrue(prometheusQueries.size() >= 10, "dashboards should query Prometheus, found " + prometheusQueries.size());
        assertEquals(Map.of(), unknown, "dashboard queries reading series that nothing provides");
    }

    @Test
    void theAgentDashboardCoversRequestRateErrorsLatencyAndSaturation() throws IOException {
        String red = Files.readString(StackPlans.projectDir().resolve("src/main/resources/dashboards/agent-red.json"));
        for (String q : List.of("0.5", "0.95", "0.99")) {
            assertTrue(red.contains("histogram_quantile(" + q + ", sum by (le) (rate(http_server_requests_seconds_bucket"),
                    "p" + q + " latency from the request histogram");
        }
        assertTrue(red.contains("status=~\\\"5..\\\""), "error ratio from 5xx responses");
        assertTrue(red.contains("resource=\\\"memory\\\"") && red.contains("resource=\\\"cpu\\\""),
                "CPU and memory against limits");
        assertTrue(red.contains("kube_deployment_status_replicas_available"), "replicas");
    }

    static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(StackPlans.projectDir().resolve("src/main/resources/dashboards"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(list.size() >= 2, "the agent RED dashboard and the platform overview");
            return list;
        }
    }
}
