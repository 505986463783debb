package io.agentplatform;

import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlanRunner;
import io.agentplatform.plan.PlatformPlans;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Platform, ephemeral and local stacks: what each builds, how it finds its cluster, and how it goes away. */
class EnvironmentsTest {

    @Test
    void anEphemeralStackCreatesNoAwsNetworkClusterOrManagedData() {
        Plan pr = StackPlans.of("pr");
        assertEquals(List.of(), pr.matching(r -> r.type().startsWith("aws:") || r.type().equals("pulumi:providers:aws"))
                .stream().map(PlannedResource::urn).toList());
        assertEquals(1, pr.ofType("kubernetes:apps/v1:Deployment").size(), "the agent");
        assertEquals(2, pr.ofType("kubernetes:apps/v1:StatefulSet").size(), "in-cluster PostgreSQL and Valkey");
    }

    @Test
    void anEphemeralStackFindsTheDevClusterThroughAStackReferenceAndKeepsItsKubeconfigSecret() {
        Plan pr = StackPlans.of("pr");
        PlannedResource reference = pr.ofType("pulumi:pulumi:StackReference").get(0);
        assertEquals(StackPlans.config("pr").requireTarget().platformStack().orElseThrow(), reference.input("name").asText());
        PlannedResource provider = pr.ofType("pulumi:providers:kubernetes").get(0);
        assertEquals("[secret]", provider.input("kubeconfig").asText());
        assertTrue(provider.dependsOn(reference.urn()));
        assertTrue(pr.matching(r -> r.type().startsWith("kubernetes:") && r.custom() && !r.type().startsWith("pulumi:"))
                .stream().allMatch(r -> provider.urn().equals(r.provider())), "everything deploys to the referenced cluster");
        assertFalse(pr.toJsonText().contains("offline-plan-reference-secret-"), "the referenced kubeconfig stays masked");
    }

    @Test
    void anEphemeralStackCarriesItsExpiryOnItsNamespaceAndDataObjects() {
        Plan pr = StackPlans.of("pr");
        String expected = "20261201T000000Z";
        PlannedResource namespace = pr.ofType("kubernetes:core/v1:Namespace").get(0);
        assertEquals(expected, namespace.input("metadata.labels").path(Platform.EXPIRES_AT_LABEL).asText());
        for (PlannedResource r : pr.matching(r -> r.parent() != null && r.parent().contains("InClusterData"))) {
            assertEquals(expected, r.input("metadata.labels").path(Platform.EXPIRES_AT_LABEL).asText(), r.urn());
        }
    }

    @Test
    void anEphemeralStackIsDestroyableInOneCommand() {
        Plan pr = StackPlans.of("pr");
        assertTrue(pr.resources().stream().noneMatch(r -> r.options().protect() || r.options().retainOnDelete()));
        // No volume outlives the stack: in-cluster data lives in emptyDir, never in volumeClaimTemplates.
        for (PlannedResource sts : pr.ofType("kubernetes:apps/v1:StatefulSet")) {
            assertTrue(sts.input("spec.volumeClaimTemplates").isMissingNode() || sts.input("spec.volumeClaimTemplates").isNull());
        }
    }

    @Test
    void aReferencedStackWithoutTheContractOutputsFailsNamingThemAndTheStack() {
        // Planned without the referenced plan, the StackReference sees a stack that was never deployed.
        PlanRunner.PlanFailedException e = assertThrows(PlanRunner.PlanFailedException.class,
                () -> PlatformPlans.run(StackPlans.config("pr"), Platform::define));
        String reference = StackPlans.config("pr").requireTarget().platformStack().orElseThrow();
        assertTrue(e.getMessage().contains("stack " + reference + " lacks output(s) clusterName, contractVersion, kubeconfig"),
                e.getMessage());
    }

    @Test
    void theLocalStackDeploysMonitoringAndTheAgentWithInClusterDataAndNothingOnAws() {
        Plan local = StackPlans.of("local");
        assertTrue(local.matching(r -> r.type().startsWith("aws:")).isEmpty());
        assertEquals(4, local.ofType("kubernetes:helm.sh/v3:Release").size(),
                "prometheus-operator-crds, kube-prometheus-stack, Loki, Alloy");
        assertEquals(2, local.ofType("kubernetes:apps/v1:StatefulSet").size());
        assertEquals(1, local.ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor").size());
        assertTrue(local.ofType("pulumi:providers:kubernetes").get(0).input("kubeconfig").isMissingNode(),
                "the local stack uses the current kubeconfig context");
    }

    @Test
    void onTheDevPlatformTheAgentNamespaceAndIngressGoBeforeTheLoadBalancerControllerAndTheCluster() {
        Plan production = StackPlans.production();
        PlannedResource lbController = production.matching(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && r.input("name").asText().equals("aws-load-balancer-controller")).get(0);
        PlannedResource cluster = production.ofType("aws:eks/cluster:Cluster").get(0);
        PlannedResource namespace = production.matching(r -> r.type().equals("kubernetes:core/v1:Namespace")
                && r.input("metadata.name").asText().equals("agent")).get(0);
        PlannedResource ingress = production.ofType("kubernetes:networking.k8s.io/v1:Ingress").get(0);
        // Pulumi deletes dependents first: the ALB behind the Ingress is removed while its controller still runs,
        // so no load balancer or ENI is left to block subnet deletion.
        for (PlannedResource r : List.of(namespace, ingress)) {
            Set<String> upstream = transitiveDependencies(production, r);
            assertTrue(upstream.contains(lbController.urn()), r.name() + " must depend on the load balancer controller");
            assertTrue(upstream.contains(cluster.urn()), r.name() + " must depend on the cluster");
        }
    }

    private static Set<String> transitiveDependencies(Plan plan, PlannedResource start) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(start.dependencies());
        if (start.provider() != null) {
            todo.add(start.provider());
        }
        while (!todo.isEmpty()) {
            String urn = todo.pop();
            if (seen.add(urn)) {
                plan.byUrn(urn).ifPresent(r -> {
                    todo.addAll(r.dependencies());
                    if (r.provider() != null) {
                        todo.add(r.provider());
                    }
                });
            }
        }
        return seen;
    }
}
