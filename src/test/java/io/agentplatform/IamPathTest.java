package io.agentplatform;

import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI deploy roles (bootstrap/) may create and change IAM roles and policies only under the project's path, so
 * every role and policy the program creates must live there or `pulumi up` from CI is refused.
 */
class IamPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyRoleAndPolicyLivesUnderTheProjectsIamPath(String stack) {
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> iam = plan.matching(r -> r.type().equals("aws:iam/role:Role") || r.type().equals("aws:iam/policy:Policy"));
        assertTrue(iam.size() >= 8, "roles and policies of network, cluster, nodes, services, database, monitoring, agent");
        assertEquals(List.of(), iam.stream().filter(r -> !"/agent-platform/".equals(r.input("path").asText()))
                .map(PlannedResource::urn).toList());
    }
}
