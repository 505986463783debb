package io.agentplatform.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every committed stack's plan carries the documented estimate, and the figures make sense relative to each other. */
class StackEstimatesTest {
    static final List<String> ESTIMATE_KEYS = List.of("monthlyUsd", "byComponent", "unpriced", "priceTableDate",
            "criticalPathSeconds", "criticalPath", "serializationWarnings");

    @Test
    void everyStackPlanHasAnEstimateWithAPositiveMonthlyCostAndACriticalPath() throws Exception {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            JsonNode estimate = Plan.JSON.readTree(StackPlans.of(stack).toJsonText()).path("estimate");
            for (String key : ESTIMATE_KEYS) {
                assertTrue(estimate.has(key), stack + " estimate lacks " + key);
            }
            assertTrue(estimate.path("monthlyUsd").isNumber() && estimate.path("monthlyUsd").asDouble() > 0, stack);
            assertTrue(estimate.path("criticalPathSeconds").asLong() >= 600 + 300, stack + ": cluster and nodes at least");
            assertTrue(estimate.path("criticalPath").toString().contains("aws:eks/cluster:Cluster"), stack);
        }
    }

    @Test
    void productionCostsMoreThanStagingAndStagingMoreThanDev() {
        double dev = StackPlans.dev().estimate().monthlyUsd();
        double staging = StackPlans.staging().estimate().monthlyUsd();
        double production = StackPlans.production().estimate().monthlyUsd();
        assertTrue(production > staging && staging > dev, dev + " / " + staging + " / " + production);
    }

    @Test
    void byComponentAddsUpToTheTotalAndEveryPricedTopLevelComponentIsNamed() {
        Estimate e = StackPlans.dev().estimate();
        assertEquals(e.monthlyUsd(), e.byComponent().values().stream().mapToDouble(Double::doubleValue).sum(), 0.05);
        assertTrue(e.byComponent().keySet().containsAll(List.of("agent-platform-dev-network", "agent-platform-dev-eks",
                "agent-platform-dev-nodes", "agent-platform-dev-database", "agent-platform-dev-cache")), e.byComponent().toString());
    }

    @Test
    void helmVolumesAreListedAsUnpricedRatherThanCountedAsZero() {
        assertTrue(StackPlans.production().estimate().unpriced().stream()
                .anyMatch(u -> u.type().equals("kubernetes:helm.sh/v3:Release") && u.reason().contains("100Gi")));
    }

    /** Both rules: data services waiting for the cluster, Helm releases waiting for what they do not use. */
    @Test
    void theCommittedStacksHaveNoSerializationTheEstimateFlags() {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            assertEquals(List.of(), StackPlans.of(stack).estimate().serializationWarnings(), stack);
        }
    }

    /**
     * With today's create-time table the cluster and its system nodes are ready after 915 s. The workloads run on
     * Karpenter's nodes (issue 20), which exist only once its controller runs (60 s) and the pool's first node has
     * joined (60 s): 1040 s. Then one release (kube-prometheus-stack, 120 s, after its namespace and receivers
     * secret): 1170 s. Loki and Alloy wait for the Prometheus Operator CRDs (their own release, installed while the
     * nodes start), not for kube-prometheus-stack; the platform had 1590 s of unrelated releases in a row, and 1290 s
     * while Loki and Alloy still waited for the whole stack. Issue 15's bound: 1260 s.
     */
    @Test
    void everyPlatformStackDeploysWithinTwentyOneMinutesOnTheCriticalPath() {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            Estimate e = StackPlans.of(stack).estimate();
            assertTrue(e.criticalPathSeconds() <= 1260, stack + ": " + e.criticalPathSeconds() + " s via " + e.criticalPath());
        }
    }

    @Test
    void theEstimateKeysAreDocumentedInThePlanFormat() throws Exception {
        String doc = Files.readString(StackPlans.projectDir().resolve("docs/plan-format.md"));
        for (String key : ESTIMATE_KEYS) {
            assertTrue(doc.contains("\"" + key + "\""), "docs/plan-format.md does not document estimate." + key);
        }
    }

    @Test
    void theMermaidDiagramHasOneNodePerTopLevelComponentAndTheDeployOrderEdges() {
        String mmd = MermaidDiagram.render(StackPlans.dev());
        assertTrue(mmd.startsWith("flowchart LR\n"));
        for (String node : List.of("network[", "eks[", "nodes[", "database[", "cache[", "cluster_services[", "monitoring[")) {
            assertTrue(mmd.contains("  " + node), node + " missing:\n" + mmd);
        }
        assertTrue(mmd.contains("  network --> eks\n") && mmd.contains("  eks --> nodes\n"), mmd);
        assertEquals(mmd, MermaidDiagram.render(StackPlans.dev()), "deterministic");
    }

    @Test
    void theCommittedDiagramsMatchWhatThePlanWrites() throws Exception {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            String committed = Files.readString(StackPlans.projectDir().resolve("docs/diagrams/" + stack + ".mmd"));
            assertEquals(MermaidDiagram.render(StackPlans.of(stack)), committed,
                    "docs/diagrams/" + stack + ".mmd is stale: regenerate it with scripts/plan.sh " + stack
                            + " and copy target/plan/" + stack + ".mmd");
        }
    }
}
