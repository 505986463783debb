package io.agentplatform.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Argo Rollouts controller on every platform stack: pinned, in a namespace hardened like the others. */
class ArgoRolloutsTest {
    private static final String NS = ArgoRollouts.NAMESPACE;

    private static PlannedResource release(Plan plan) {
        List<PlannedResource> found = plan.matching(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && r.input("chart").asText().equals("argo-rollouts"));
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static List<PlannedResource> inNamespace(Plan plan, String type) {
        return plan.matching(r -> r.type().equals(type) && NS.equals(r.input("metadata.namespace").asText()));
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> m = new HashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theChartIsPinnedExactlyAndInstallsAndKeepsItsCrds(String stack) {
        PlannedResource release = release(StackPlans.of(stack));
        assertTrue(release.input("version").asText().matches("\\d+\\.\\d+\\.\\d+"), "exact chart version");
        assertEquals("https://argoproj.github.io/argo-helm", release.input("repositoryOpts.repo").asText());
        assertEquals(NS, release.input("namespace").asText());
        assertTrue(release.input("values.installCRDs").asBoolean());
        assertTrue(release.input("values.keepCRDs").asBoolean(), "uninstalling must not delete every Rollout");
        assertTrue(release.input("atomic").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theNamespaceEnforcesRestrictedAndTheControllerIsSizedAndDisruptionBudgeted(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource ns = plan.matching(r -> r.type().equals("kubernetes:core/v1:Namespace")
                && r.input("metadata.name").asText().equals(NS)).get(0);
        assertEquals("restricted", ns.input("metadata.labels").path("pod-security.kubernetes.io/enforce").asText());
        JsonNode controller = release(plan).input("values.controller");
        assertTrue(controller.path("replicas").asInt() >= 2, "leader election with a standby");
        assertTrue(controller.path("pdb").path("enabled").asBoolean());
        assertEquals(1, controller.path("pdb").path("minAvailable").asInt());
        assertFalse(controller.path("resources").path("requests").path("cpu").asText().isEmpty());
        assertFalse(controller.path("resources").path("requests").path("memory").asText().isEmpty());
        assertFalse(controller.path("resources").path("limits").path("memory").asText().isEmpty());
        assertTrue(release(plan).dependsOn(ns.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everythingIsDeniedButMetricsInAndDnsTheApiAndPrometheusOut(String stack) {
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> policies = inNamespace(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        PlannedResource deny = policies.stream().filter(p -> p.input("metadata.name").asText().endsWith("default-deny"))
                .findFirst().orElseThrow();
        assertTrue(deny.input("spec.podSelector").isEmpty() || map(deny.input("spec.podSelector.matchLabels")).isEmpty());
        List<String> types = new ArrayList<>();
        deny.input("spec.policyTypes").forEach(t -> types.add(t.asText()));
        assertEquals(List.of("Ingress", "Egress"), types);
        List<Integer> egressPorts = new ArrayList<>();
        List<Integer> ingressPorts = new ArrayList<>();
        for (PlannedResource p : policies) {
            p.input("spec.egress").forEach(rule -> rule.path("ports").forEach(port -> egressPorts.add(port.path("port").asInt())));
            p.input("spec.ingress").forEach(rule -> rule.path("ports").forEach(port -> ingressPorts.add(port.path("port").asInt())));
        }
        assertEquals(List.of(ArgoRollouts.METRICS_PORT), ingressPorts);
        assertEquals(List.of(53, 53, 443, ArgoRolloutsPolicies.PROMETHEUS_PORT), egressPorts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void itsServiceMonitorSelectsTheChartsMetricsServiceAfterThePrometheusCrds(String stack) {
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> monitors = inNamespace(plan, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor");
        assertEquals(1, monitors.size());
        PlannedResource monitor = monitors.get(0);
        assertEquals(ArgoRollouts.controllerLabels(), map(monitor.input("spec.selector.matchLabels")));
        assertTrue(release(plan).input("values.controller.metrics.enabled").asBoolean(), "the chart's metrics Service");
        PlannedResource crds = plan.matching(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && r.input("chart").asText().equals("prometheus-operator-crds")).get(0);
        assertTrue(monitor.dependsOn(crds.urn()), "waits for the CRD release only");
    }
}
