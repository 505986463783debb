package io.agentplatform.workload;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.DeliverySettings;
import io.agentplatform.plan.PlanSummary;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.agentplatform.workload.AgentObjects.map;
import static io.agentplatform.workload.AgentObjects.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progressive delivery of the agent over the committed stacks: staging and production release a canary Rollout
 * of the Deployment's pod template, analysed against the alert rules' own thresholds; dev rolls its Deployment.
 */
class AgentDeliveryTest {
    private static final String RELEASE = "kubernetes:helm.sh/v3:Release";
    private static final String PROMETHEUS_RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";

    @Test
    void devRollsItsDeploymentWithoutARolloutOrAnalysis() {
        AgentObjects a = AgentObjects.of("dev");
        assertTrue(a.all(AgentObjects.ROLLOUT).isEmpty());
        assertTrue(a.all(AgentObjects.ANALYSIS_TEMPLATE).isEmpty());
        assertEquals("RollingUpdate", a.deployment().input("spec.strategy.type").asText());
        assertEquals("Deployment", a.one(AgentObjects.HPA).input("spec.scaleTargetRef.kind").asText());
        assertTrue(PlanSummary.render(a.plan()).contains("Delivery: rolling updates of the Deployments (no Rollout)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void aCanaryRolloutReleasesTheDeploymentsPodTemplateInAtLeastThreeIncreasingSteps(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        PlannedResource rollout = a.one(AgentObjects.ROLLOUT);
        JsonNode ref = rollout.input("spec.workloadRef");
        assertEquals("Deployment", ref.path("kind").asText());
        assertEquals(a.deployment().input("metadata.name").asText(), ref.path("name").asText());
        assertEquals("progressively", ref.path("scaleDown").asText(), "the Deployment's pods go as the Rollout's come");
        assertTrue(rollout.input("spec.template").isMissingNode(), "the Deployment is the one pod template");
        assertEquals(map(a.deployment().input("spec.selector.matchLabels")), map(rollout.input("spec.selector.matchLabels")));
        assertTrue(rollout.dependsOn(a.deployment().urn()));
        assertTrue(rollout.options().ignoreChanges().contains("spec.replicas"), "the HPA owns the replicas");

        List<Integer> weights = new ArrayList<>();
        rollout.input("spec.strategy.canary.steps").forEach(s -> {
            if (s.has("setWeight")) {
                weights.add(s.path("setWeight").asInt());
            }
        });
        List<Integer> configured = StackPlans.config(stack).agent().delivery().steps().stream()
                .map(DeliverySettings.Step::weight).toList();
        assertEquals(configured, weights);
        assertTrue(weights.size() >= 3, stack + ": " + weights);
        for (int i = 1; i < weights.size(); i++) {
            assertTrue(weights.get(i) > weights.get(i - 1), "weights increase: " + weights);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAlbSplitsRequestsBetweenTheStableAndCanaryServicesThroughTheAgentsIngress(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode canary = a.one(AgentObjects.ROLLOUT).input("spec.strategy.canary");
        JsonNode alb = canary.path("trafficRouting").path("alb");
        PlannedResource ingress = a.one(AgentObjects.INGRESS);
        assertEquals(ingress.input("metadata.name").asText(), alb.path("ingress").asText());
        for (String role : List.of("stableService", "canaryService")) {
            PlannedResource service = a.named(AgentObjects.SERVICE, canary.path(role).asText());
            assertTrue(selects(map(service.input("spec.selector")), a.podLabels()), role + " selects the agent's pods");
            List<Integer> ports = new ArrayList<>();
            service.input("spec.ports").forEach(p -> ports.add(p.path("port").asInt()));
            assertTrue(ports.contains(alb.path("servicePort").asInt()), role + " serves " + alb.path("servicePort"));
        }
        assertFalse(canary.path("stableService").asText().equals(canary.path("canaryService").asText()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theServiceMonitorScrapesEachPodOnceWhateverServicesTheRolloutAdds(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        Map<String, String> selector = map(a.one(AgentObjects.SERVICE_MONITOR).input("spec.selector.matchLabels"));
        long selected = a.all(AgentObjects.SERVICE).stream()
                .filter(s -> selects(selector, map(s.input("metadata.labels")))).count();
        assertEquals(1, selected, "one scraped Service per pod, or every series would count twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAnalysisMeasuresTheCanarysPodsAgainstTheAlertRulesOwnThresholds(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        JsonNode canary = a.one(AgentObjects.ROLLOUT).input("spec.strategy.canary");
        PlannedResource template = a.named(AgentObjects.ANALYSIS_TEMPLATE,
                canary.path("analysis").path("templates").get(0).path("templateName").asText());
        JsonNode arg = canary.path("analysis").path("args").get(0);
        assertEquals("Latest", arg.path("valueFrom").path("podTemplateHashValue").asText(), "the new version's hash");
        String hashRef = "rollouts_pod_template_hash=\"{{args." + arg.path("name").asText() + "}}\"";

        Map<String, JsonNode> metrics = new java.util.TreeMap<>();
        template.input("spec.metrics").forEach(m -> metrics.put(m.path("name").asText(), m));
        assertEquals(List.of("error-ratio", "p99-latency"), List.copyOf(metrics.keySet()));
        metrics.values().forEach(m -> {
            String query = m.path("provider").path("prometheus").path("query").asText();
            assertTrue(query.contains(hashRef), "only the canary's pods: " + query);
            assertTrue(query.contains("job=\"agent\", namespace=\"agent\""), query);
            assertTrue(m.path("provider").path("prometheus").path("address").asText()
                    .endsWith(a.plan().output("prometheusService").asText()), "the platform's Prometheus");
            assertEquals(StackPlans.config(stack).agent().delivery().analysis().orElseThrow().intervalSeconds() + "s",
                    m.path("interval").asText());
        });
        String errors = metrics.get("error-ratio").path("provider").path("prometheus").path("query").asText();
        assertTrue(errors.contains("http_server_requests_seconds_count{") && errors.contains("status=~\"5..\""), errors);
        String latency = metrics.get("p99-latency").path("provider").path("prometheus").path("query").asText();
        assertTrue(latency.startsWith("histogram_quantile(0.99,") && latency.contains("http_server_requests_seconds_bucket{"));

        // The same thresholds as the PrometheusRule of the same plan: the slowest burn (1x the budget) and the
        // latency alert's bound.
        Map<String, String> alerts = new java.util.TreeMap<>();
        a.plan().ofType(PROMETHEUS_RULE).get(0).input("spec.groups").forEach(g -> g.path("rules")
                .forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText())));
        Matcher budget = Pattern.compile("\\(1 \\* ([0-9.]+)\\)").matcher(alerts.get("AgentErrorBudgetBurnSlow"));
        assertTrue(budget.find(), alerts.get("AgentErrorBudgetBurnSlow"));
        Matcher bound = Pattern.compile("\\) > ([0-9.]+)$").matcher(alerts.get("AgentLatencyP99High"));
        assertTrue(bound.find(), alerts.get("AgentLatencyP99High"));
        assertEquals(budget.group(1), threshold(metrics.get("error-ratio")));
        assertEquals(bound.group(1), threshold(metrics.get("p99-latency")));
    }

    /** The bound of {@code ... && result[0] <= X}; the condition must fail on an empty result and on NaN. */
    private static String threshold(JsonNode metric) {
        String condition = metric.path("successCondition").asText();
        assertTrue(condition.startsWith("len(result) > 0 && !isNaN(result[0]) && "), "no data fails: " + condition);
        assertTrue(metric.path("failureCondition").isMissingNode(), "without a failureCondition a miss is a failure, not inconclusive");
        Matcher m = Pattern.compile("result\\[0] <= ([0-9.]+)$").matcher(condition);
        assertTrue(m.find(), condition);
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theRolloutAndItsTemplateWaitForTheControllersCrdsWhichWaitForNoMonitoring(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        PlannedResource release = a.plan().matching(r -> r.type().equals(RELEASE)
                && r.input("chart").asText().equals("argo-rollouts")).get(0);
        assertTrue(a.one(AgentObjects.ROLLOUT).dependsOn(release.urn()));
        assertTrue(a.one(AgentObjects.ANALYSIS_TEMPLATE).dependsOn(release.urn()));
        PlannedResource kps = a.plan().matching(r -> r.type().equals(RELEASE)
                && r.input("chart").asText().equals("kube-prometheus-stack")).get(0);
        assertFalse(release.dependsOn(kps.urn()), "the controller installs in parallel with monitoring");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void thePlanSummaryShowsTheStepsAndTheAnalysisQueries(String stack) {
        AgentObjects a = AgentObjects.of(stack);
        String summary = PlanSummary.render(a.plan());
        StringBuilder steps = new StringBuilder();
        StackPlans.config(stack).agent().delivery().steps().forEach(s ->
                steps.append(s.weight()).append("% → pause ").append(s.pauseSeconds()).append("s → "));
        assertTrue(summary.contains(steps + "100%"), summary);
        a.one(AgentObjects.ANALYSIS_TEMPLATE).input("spec.metrics").forEach(m ->
                assertTrue(summary.contains(m.path("provider").path("prometheus").path("query").asText()), summary));
    }
}
