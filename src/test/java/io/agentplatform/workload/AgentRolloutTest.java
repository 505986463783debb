package io.agentplatform.workload;

import io.agentplatform.config.AgentSettings;
import io.agentplatform.config.DeliverySettings;
import io.agentplatform.monitoring.AgentSlo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Rollout spec for the cases no committed stack has: no ingress (replica weights), blue-green, rolling. */
class AgentRolloutTest {
    private static final AgentLabels LABELS = AgentLabels.of(AgentWorkload.APP, Inline.IMAGE);
    private static final DeliverySettings.Analysis ANALYSIS = new DeliverySettings.Analysis(120, 2);

    private static AgentSettings with(DeliverySettings delivery, Optional<AgentSettings.Ingress> ingress) {
        return Inline.settings(ingress, Optional.empty()).toBuilder().delivery(delivery).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strategy(AgentSettings s, String name) {
        return (Map<String, Object>) ((Map<String, Object>) AgentRollout.spec(s, LABELS).get("strategy")).get(name);
    }

    @Test
    void withoutAnIngressTheCanarysWeightIsItsShareOfPods() {
        AgentSettings s = with(new DeliverySettings(DeliverySettings.Strategy.CANARY,
                List.of(new DeliverySettings.Step(20, 60), new DeliverySettings.Step(60, 60)), Optional.of(ANALYSIS)),
                Optional.empty());
        Map<String, Object> canary = strategy(s, "canary");
        assertFalse(canary.containsKey("trafficRouting"));
        assertEquals(List.of(Map.of("setWeight", 20), Map.of("pause", Map.of("duration", "60s")),
                Map.of("setWeight", 60), Map.of("pause", Map.of("duration", "60s"))), canary.get("steps"));
        assertEquals(Map.entry(AgentWorkload.APP, AgentWorkload.HTTP_PORT_NAME), AgentRollout.ingressBackend(s));
    }

    @Test
    void blueGreenSwitchesTheActiveServiceAndAnalysesAfterTheSwitch() {
        AgentSettings s = with(new DeliverySettings(DeliverySettings.Strategy.BLUE_GREEN, List.of(), Optional.of(ANALYSIS)),
                Optional.of(Inline.alb()));
        Map<String, Object> blueGreen = strategy(s, "blueGreen");
        assertEquals(AgentRollout.STABLE_SERVICE, blueGreen.get("activeService"));
        assertEquals(AgentRollout.CANARY_SERVICE, blueGreen.get("previewService"));
        assertTrue(blueGreen.containsKey("postPromotionAnalysis"), "traffic metrics exist only after the switch");
        assertEquals(Map.entry(AgentRollout.STABLE_SERVICE, AgentWorkload.HTTP_PORT_NAME), AgentRollout.ingressBackend(s));
    }

    @Test
    void rollingKeepsTheHpaOnTheDeployment() {
        assertEquals("Deployment", Values.of(AgentRollout.scaleTarget(DeliverySettings.ROLLING).kind()));
        assertEquals("Rollout", Values.of(AgentRollout.scaleTarget(new DeliverySettings(DeliverySettings.Strategy.CANARY,
                List.of(new DeliverySettings.Step(50, 60)), Optional.of(ANALYSIS))).kind()));
    }

    @Test
    void theAnalysisWindowIsItsIntervalAndItsLimitsComeFromTheSlo() {
        AgentSlo slo = new AgentSlo(0.99, 0.5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> metrics = (List<Map<String, Object>>) AgentAnalysis.spec("ns", ANALYSIS, slo,
                "http://prometheus.monitoring.svc:9090").get("metrics");
        assertTrue(((String) metrics.get(0).get("successCondition")).endsWith("<= 0.01"));
        assertTrue(((String) metrics.get(1).get("successCondition")).endsWith("<= 0.5"));
        metrics.forEach(m -> {
            assertEquals("120s", m.get("interval"));
            assertEquals(2, m.get("failureLimit"));
            @SuppressWarnings("unchecked")
            String query = (String) ((Map<String, Object>) ((Map<String, Object>) m.get("provider")).get("prometheus")).get("query");
            assertTrue(query.contains("[120s]"), query);
        });
    }
}
