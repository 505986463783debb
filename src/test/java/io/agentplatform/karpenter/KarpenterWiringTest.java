package io.agentplatform.karpenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.CreateTimes;
import io.agentplatform.plan.DeployGraph;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the rest of the platform meets Karpenter: workloads land on the pool through the label it sets, and on destroy
 * the pools go before everything Karpenter needs to drain and terminate their nodes.
 */
class KarpenterWiringTest {

    static JsonNode poolLabels(Plan plan) {
        return KarpenterTest.workloadsPool(plan).input("spec.template.metadata.labels");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theAgentRunsOnTheNodesThePoolLabelsAndWaitsForThePool(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource deployment = plan.ofType("kubernetes:apps/v1:Deployment").stream()
                .filter(d -> d.input("metadata.name").asText().equals("agent")).findFirst().orElseThrow();
        assertEquals(poolLabels(plan), deployment.input("spec.template.spec.nodeSelector"));
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        assertTrue(graph.waitsForTransitively(deployment.urn()).contains(KarpenterTest.workloadsPool(plan).urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMonitoringWorkloadsRunOnThePoolAndWaitForIt(String stack) {
        Plan plan = StackPlans.of(stack);
        JsonNode labels = poolLabels(plan);
        PlannedResource pool = KarpenterTest.workloadsPool(plan);
        PlannedResource kps = plan.named(KarpenterTest.RELEASE, "agent-platform-" + stack + "-monitoring-kube-prometheus-stack");
        JsonNode values = kps.input("values");
        for (String path : List.of("prometheus.prometheusSpec", "alertmanager.alertmanagerSpec", "grafana", "prometheusOperator",
                "kube-state-metrics")) {
            JsonNode at = values;
            for (String part : path.split("\\.")) {
                at = at.path(part);
            }
            assertEquals(labels, at.path("nodeSelector"), path);
        }
        PlannedResource loki = plan.named(KarpenterTest.RELEASE, "agent-platform-" + stack + "-monitoring-loki");
        assertEquals(labels, loki.input("values").path("singleBinary").path("nodeSelector"));
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        assertTrue(graph.waitsForTransitively(kps.urn()).contains(pool.urn()));
        assertTrue(graph.waitsForTransitively(loki.urn()).contains(pool.urn()));
    }

    /**
     * Pulumi deletes in reverse dependency order: whatever the pool waits for, directly or not, is deleted after it,
     * so Karpenter still runs with its permissions, its node role and the network while it drains the pool's nodes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onDestroyThePoolsGoBeforeTheControllerTheNodeRoleTheSubnetsAndTheCluster(String stack) {
        Plan plan = StackPlans.of(stack);
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        Set<String> afterPool = graph.waitsForTransitively(KarpenterTest.workloadsPool(plan).urn());
        String prefix = "agent-platform-" + stack + "-";
        List<PlannedResource> mustOutlive = List.of(
                KarpenterTest.release(plan, "karpenter"),
                KarpenterTest.release(plan, "karpenter-crd"),
                KarpenterTest.nodeClass(plan),
                plan.named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", prefix + "karpenter-controller-policy-attachment"),
                plan.named("aws:iam/role:Role", prefix + "karpenter-node-role"),
                plan.named("aws:eks/accessEntry:AccessEntry", prefix + "karpenter-node-access"),
                plan.named("aws:ec2/tag:Tag", prefix + "karpenter-sg-discovery-tag"),
                plan.named("aws:eks/cluster:Cluster", prefix + "eks-cluster"),
                plan.named("aws:eks/nodeGroup:NodeGroup", prefix + "nodes-system"));
        for (PlannedResource r : mustOutlive) {
            assertTrue(afterPool.contains(r.urn()), r.name() + " could be deleted before the pool");
        }
        for (PlannedResource subnet : plan.ofType("aws:ec2/subnet:Subnet")) {
            if (subnet.input("tags").path("tier").asText().equals("private")) {
                assertTrue(afterPool.contains(subnet.urn()), subnet.name() + " could be deleted before the pool");
            }
        }
        // The node class's finalizer holds its deletion until its nodes are terminated; the controller outlives it.
        assertTrue(graph.waitsForTransitively(KarpenterTest.nodeClass(plan).urn())
                .contains(KarpenterTest.release(plan, "karpenter").urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theCriticalPathRunsThroughTheControllerAndThePoolAndTheCrdsAreReadyBeforeTheController(String stack) {
        Plan plan = StackPlans.of(stack);
        List<String> path = plan.estimate().criticalPath();
        assertTrue(path.contains(KarpenterTest.release(plan, "karpenter").urn()), path.toString());
        assertTrue(path.contains(KarpenterTest.workloadsPool(plan).urn()), path.toString());
        DeployGraph graph = DeployGraph.of(plan, CreateTimes.standard());
        PlannedResource controller = KarpenterTest.release(plan, "karpenter");
        long crdsReady = graph.finish(KarpenterTest.release(plan, "karpenter-crd").urn());
        long systemNodesReady = graph.finish(plan.named("aws:eks/nodeGroup:NodeGroup", "agent-platform-" + stack + "-nodes-system").urn());
        assertTrue(crdsReady < systemNodesReady, "the CRDs install while the system nodes start: " + crdsReady);
        assertTrue(graph.finish(controller.urn()) > systemNodesReady);
    }
}
