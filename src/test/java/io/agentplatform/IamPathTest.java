package io.agentplatform;

import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each environment's CI deploy role (bootstrap/) may create and change IAM roles and policies only under its own
 * stack's path {@code /<project>/<stack>/}, so every role and policy the program creates must live there or
 * `pulumi up` from CI is refused, and no environment's roles share a path with another's.
 */
class IamPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "pr", "local"})
    void everyRoleAndPolicyLivesUnderItsOwnStacksIamPath(String stack) {
        Plan plan = StackPlans.of(stack);
        String path = "/" + plan.project() + "/" + plan.stack() + "/";
        assertEquals("/agent-platform/" + plan.stack() + "/", path, "the committed project and stack");
        List<PlannedResource> iam = plan.matching(r -> r.type().equals("aws:iam/role:Role") || r.type().equals("aws:iam/policy:Policy"));
        if (List.of("dev", "staging", "production").contains(stack)) {
            assertTrue(iam.size() >= 8, "roles and policies of network, cluster, nodes, services, database, monitoring, agent");
        }
        assertEquals(List.of(), iam.stream().filter(r -> !path.equals(r.input("path").asText()))
                .map(PlannedResource::urn).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyIrsaAnnotationNamesARoleUnderItsStacksPath(String stack) {
        Plan plan = StackPlans.of(stack);
        String roles = "arn:aws:iam::123456789012:role/" + plan.project() + "/" + plan.stack() + "/";
        List<String> annotated = new ArrayList<>();
        plan.resources().forEach(r -> r.inputs().findValues("eks.amazonaws.com/role-arn")
                .forEach(v -> annotated.add(v.asText())));
        assertTrue(annotated.size() >= 4, "IRSA of the agent, Loki, Velero, Karpenter and the controllers: " + annotated);
        assertEquals(List.of(), annotated.stream().filter(a -> !a.startsWith(roles)).toList());
    }
}
