package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent's ServiceMonitor and alert rules in the real plans: they find the agent's Service by its labels and port name. */
class AgentObservabilityTest {

    private static PlannedResource only(Plan plan, String type) {
        List<PlannedResource> found = plan.ofType(type);
        assertEquals(1, found.size(), type);
        return found.get(0);
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        only(StackPlans.of("production"), MonitoringObjects.PROMETHEUS_RULE).input("spec.groups")
                .forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    @Test
    void customResourcesAreWholeKubernetesObjects() {
        Plan plan = StackPlans.of("dev");
        for (String type : List.of(MonitoringObjects.SERVICE_MONITOR, MonitoringObjects.PROMETHEUS_RULE)) {
            PlannedResource cr = only(plan, type);
            assertEquals("monitoring.coreos.com/v1", cr.input("apiVersion").asText());
            assertEquals(type.substring(type.lastIndexOf(':') + 1), cr.input("kind").asText());
            assertEquals(plan.output("appNamespace").asText(), cr.input("metadata.namespace").asText(), "beside the agent");
            assertFalse(cr.input("metadata.name").asText().isEmpty());
            assertTrue(cr.input("spec").isObject() && cr.input("spec").size() > 0, type + " has a spec");
        }
    }

    @Test
    void theServiceMonitorScrapesTheAgentServiceOnItsManagementPort() throws IOException {
        Plan plan = StackPlans.of("dev");
        JsonNode spec = only(plan, MonitoringObjects.SERVICE_MONITOR).input("spec");
        assertEquals("agent", spec.path("selector").path("matchLabels").path("app.kubernetes.io/name").asText());
        assertEquals("[\"agent\"]", spec.path("namespaceSelector").path("matchNames").toString());
        JsonNode endpoint = spec.path("endpoints").path(0);
        assertEquals("management", endpoint.path("port").asText(), "port by name");
        PlannedResource service = plan.matching(r -> r.type().equals("kubernetes:core/v1:Service")
                && r.input("metadata.namespace").asText().equals("agent")
                && r.input("metadata.name").asText().equals(plan.output("appServiceName").asText())).get(0);
        JsonNode selector = spec.path("selector").path("matchLabels");
        assertTrue(selects(selector, service.input("metadata.labels")), "the selector finds the agent's Service");
        long selected = plan.matching(r -> r.type().equals("kubernetes:core/v1:Service")
                && r.input("metadata.namespace").asText().equals("agent")
                && selects(selector, r.input("metadata.labels"))).size();
        assertEquals(1, selected, "and no other Service in the namespace");
        List<String> ports = new ArrayList<>();
        service.input("spec.ports").forEach(p -> ports.add(p.path("name").asText()));
        assertTrue(ports.contains("management"), "the Service names the port the monitor scrapes: " + ports);
        // The agent serves Prometheus metrics at the root of its management server, mapped to /metrics.
        String appProperties = StackPlans.projectDir().resolve("app/src/main/resources/application.properties").toFile().exists()
                ? Files.readString(StackPlans.projectDir().resolve("app/src/main/resources/application.properties")) : "";
        if (!appProperties.isEmpty()) {
            assertTrue(appProperties.contains("management.endpoints.web.path-mapping.prometheus=metrics"));
        }
        assertEquals("/metrics", endpoint.path("path").asText());
    }

    /** True when the labels carry every label of the (non-empty) selector. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        boolean all = selector.size() > 0;
        for (var it = selector.fields(); it.hasNext(); ) {
            var label = it.next();
            all &= label.getValue().asText().equals(labels.path(label.getKey()).asText());
        }
        return all;
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionAndARunbookSection() throws IOException {
        String runbooks = Files.readString(StackPlans.projectDir().resolve("docs/runbooks.md"));
        Set<String> anchors = new TreeSet<>();
        runbooks.lines().filter(l -> l.startsWith("## ")).forEach(l ->
                anchors.add(l.substring(3).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-')));
        List<JsonNode> rules = rules();
        assertFalse(rules.isEmpty());
        for (JsonNode r : rules) {
            String alert = r.path("alert").asText();
            assertTrue(Set.of("critical", "warning").contains(r.path("labels").path("severity").asText()), alert);
            assertFalse(r.path("annotations").path("summary").asText().isBlank(), alert + " summary");
            assertFalse(r.path("annotations").path("description").asText().isBlank(), alert + " description");
            String runbook = r.path("annotations").path("runbook_url").asText();
            assertTrue(runbook.startsWith("docs/runbooks.md#"), alert + ": " + runbook);
            assertTrue(anchors.contains(runbook.substring(runbook.indexOf('#') + 1)),
                    alert + " has no section in docs/runbooks.md (anchors: " + anchors + ")");
            assertFalse(r.path("for").asText().isBlank(), alert + " waits before firing");
        }
    }

    @Test
    void availabilityUsesMultiWindowMultiBurnRateAlerts() {
        Map<String, JsonNode> byName = new TreeMap<>();
        rules().forEach(r -> byName.put(r.path("alert").asText(), r));
        JsonNode fast = byName.get("AgentErrorBudgetBurnFast");
        JsonNode slow = byName.get("AgentErrorBudgetBurnSlow");
        assertEquals("critical", fast.path("labels").path("severity").asText());
        assertEquals("warning", slow.path("labels").path("severity").asText());
        String f = fast.path("expr").asText();
        // 99.5% over 30 days: 0.5% budget; 1h/5m at 14.4x and 6h/30m at 6x page.
        for (String part : List.of("[1h]", "[5m]", "(14.4 * 0.005)", "[6h]", "[30m]", "(6 * 0.005)", "status=~\"5..\"")) {
            assertTrue(f.contains(part), "fast burn lacks " + part + ": " + f);
        }
        String s = slow.path("expr").asText();
        for (String part : List.of("[1d]", "[2h]", "(3 * 0.005)", "[3d]", "[6h]", "(1 * 0.005)")) {
            assertTrue(s.contains(part), "slow burn lacks " + part + ": " + s);
        }
        for (String expr : List.of(f, s)) {
            assertTrue(expr.contains("job=\"agent\", namespace=\"agent\""), "scoped to the agent: " + expr);
        }
    }

    @Test
    void podHealthLatencyAndSaturationAreCovered() {
        Map<String, String> exprs = new TreeMap<>();
        rules().forEach(r -> exprs.put(r.path("alert").asText(), r.path("expr").asText()));
        Map<String, String> expected = Map.of(
                "AgentLatencyP99High", "histogram_quantile(0.99, sum by (le) (rate(http_server_requests_seconds_bucket",
                "AgentTargetDown", "up{job=\"agent\", namespace=\"agent\"} == 0",
                "AgentPodCrashLooping", "kube_pod_container_status_restarts_total",
                "AgentPodNotReady", "kube_pod_status_ready",
                "AgentMemoryNearLimit", "kube_pod_container_resource_limits{namespace=\"agent\", resource=\"memory\"}",
                "AgentCpuThrottled", "container_cpu_cfs_throttled_periods_total");
        expected.forEach((alert, fragment) -> {
            assertTrue(exprs.containsKey(alert), "missing alert " + alert);
            assertTrue(exprs.get(alert).contains(fragment), alert + ": " + exprs.get(alert));
        });
        assertTrue(exprs.get("AgentMemoryNearLimit").contains("container_memory_working_set_bytes"));
        assertTrue(exprs.get("AgentCpuThrottled").contains("container_cpu_cfs_periods_total"));
    }
}
