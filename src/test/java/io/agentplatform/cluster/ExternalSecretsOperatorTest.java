package io.agentplatform.cluster;

import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The External Secrets Operator is a cluster service of platform stacks, kept in place from where it was before. */
class ExternalSecretsOperatorTest {

    private static PlannedResource operator(Plan plan) {
        return plan.matching(r -> r.type().equals(ExternalSecretsOperator.TYPE)).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void itIsPartOfTheClusterServices(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource services = plan.matching(r -> r.type().equals(ClusterServices.TYPE)).get(0);
        assertEquals(services.urn(), operator(plan).parent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void itAndItsChildrenKeepTheirFormerUrnsUnderTheWorkloadAsAliases(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource operator = operator(plan);
        List<PlannedResource> moved = plan.matching(r -> r == operator || operator.urn().equals(r.parent()));
        assertEquals(3, moved.size(), "the component, its namespace and its release");
        String former = "urn:pulumi:" + stack + "::agent-platform::pulumi:pulumi:Stack$agent-platform:k8s:AgentWorkload$";
        for (PlannedResource r : moved) {
            String typeChain = r.urn().substring(r.urn().indexOf(ExternalSecretsOperator.TYPE), r.urn().lastIndexOf("::"));
            assertEquals(List.of(former + typeChain + "::" + r.name()), r.options().aliases(), r.urn());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMigrationsSecretStoreWaitsForItsRelease(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource release = plan.matching(r -> r.type().equals("kubernetes:helm.sh/v3:Release")
                && operator(plan).urn().equals(r.parent())).get(0);
        PlannedResource store = plan.matching(r -> r.type().equals("kubernetes:external-secrets.io/v1:SecretStore")).get(0);
        assertTrue(store.dependsOn(release.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void stacksWithoutSecretsManagerHaveNone(String stack) {
        assertTrue(StackPlans.of(stack).matching(r -> r.type().equals(ExternalSecretsOperator.TYPE)).isEmpty());
    }

    @Test
    void itsNamespaceEnforcesRestricted() {
        PlannedResource ns = StackPlans.of("production").matching(r -> r.type().equals("kubernetes:core/v1:Namespace")
                && r.input("metadata.name").asText().equals(ExternalSecretsOperator.NAMESPACE)).get(0);
        assertEquals("restricted", ns.input("metadata.labels").path("pod-security.kubernetes.io/enforce").asText());
    }
}
