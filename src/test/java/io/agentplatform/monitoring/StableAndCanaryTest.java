package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While a canary runs its errors and latency are visible apart from the stable version's. */
class StableAndCanaryTest {
    private static final String LABEL = "rollouts_pod_template_hash";

    @Test
    void everyScrapedSeriesCarriesItsPodsVersionLabel() {
        PlannedResource monitor = StackPlans.staging().matching(r -> r.type().equals(
                "kubernetes:monitoring.coreos.com/v1:ServiceMonitor") && r.input("metadata.namespace").asText().equals("agent")).get(0);
        List<JsonNode> relabel = new ArrayList<>();
        monitor.input("spec.endpoints.0.relabelings").forEach(r -> {
            if (LABEL.equals(r.path("targetLabel").asText())) {
                relabel.add(r);
            }
        });
        assertEquals(1, relabel.size());
        // Argo Rollouts labels a version's pods rollouts-pod-template-hash; Prometheus exposes pod labels like this.
        assertEquals("__meta_kubernetes_pod_label_rollouts_pod_template_hash", relabel.get(0).path("sourceLabels").get(0).asText());
    }

    @Test
    void theSloAlertsFirePerVersionSoACanarysErrorsAreItsOwnAlert() {
        PlannedResource rule = StackPlans.staging().ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule").get(0);
        rule.input("spec.groups.0.rules").forEach(r -> {
            String expr = r.path("expr").asText();
            assertTrue(expr.contains("sum by (" + LABEL + ")") || expr.contains("sum by (le, " + LABEL + ")"),
                    r.path("alert").asText() + ": " + expr);
            assertTrue(r.path("annotations").path("description").asText().contains("$labels." + LABEL),
                    r.path("alert").asText() + " names the version");
        });
    }

    @Test
    void theRedDashboardShowsErrorRatioAndP99PerVersion() throws IOException {
        JsonNode d = new ObjectMapper().readTree(Files.readString(
                StackPlans.projectDir().resolve("src/main/resources/dashboards/agent-red.json")));
        List<String> perVersion = new ArrayList<>();
        d.path("panels").forEach(p -> p.path("targets").forEach(t -> {
            if (t.path("legendFormat").asText().contains("{{" + LABEL + "}}")) {
                perVersion.add(t.path("expr").asText());
            }
        }));
        assertTrue(perVersion.stream().anyMatch(e -> e.contains("status=~\"5..\"") && e.contains("sum by (" + LABEL + ")")), perVersion.toString());
        assertTrue(perVersion.stream().anyMatch(e -> e.startsWith("histogram_quantile(0.99, sum by (le, " + LABEL + ")")), perVersion.toString());
    }
}
