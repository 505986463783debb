package io.agentplatform.plan;

import io.agentplatform.StackPlans;
import io.agentplatform.core.Naming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed stacks name every resource within the limits the mock engine enforces ({@link PhysicalNames}; its
 * refusals are tested in the offline-plan module), shortening and aliasing only the names that would not fit.
 */
class StackNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "pr", "local"})
    void everyCommittedStackPlansWithEveryNameAndIamPathWithinItsLimit(String stack) {
        Plan plan = StackPlans.of(stack);
        for (PlannedResource r : plan.resources()) {
            Map<String, Object> inputs = new HashMap<>();
            r.inputs().fields().forEachRemaining(f -> { if (f.getValue().isTextual()) inputs.put(f.getKey(), f.getValue().asText()); });
            assertEquals(List.of(), PhysicalNames.check(r.type(), r.name(), inputs).stream().map(PhysicalNames.Refusal::message).toList());
        }
    }

    @Test
    void theNamingRuleShortensOnlyOverBudgetNamesAndKeepsThemApart() {
        String staging = "agent-platform-staging-cluster-services-lb-controller-role";
        String fitted = Naming.fit(staging, 64 - 8);
        assertEquals(56, fitted.length());
        assertTrue(fitted.startsWith("agent-platform-staging-cluster-services-lb-"), fitted);
        assertEquals(fitted, Naming.fit(staging, 56), "stable");
        String sibling = "agent-platform-staging-cluster-services-lb-controller-roles";
        assertTrue(!Naming.fit(sibling, 56).equals(fitted), "two long names that share their front stay apart");
        assertEquals("agent-platform-dev-cluster-services-lb-controller-role",
                Naming.fit("agent-platform-dev-cluster-services-lb-controller-role", 56), "a name within budget is unchanged");
    }

    @Test
    void stagingAndProductionLoadBalancerControllerRolesAreShortenedAndAliasedToTheirFullNames() {
        for (String stack : List.of("staging", "production")) {
            String full = "agent-platform-" + stack + "-cluster-services-lb-controller-role";
            List<PlannedResource> roles = StackPlans.of(stack).matching(r -> r.type().equals("aws:iam/role:Role")
                    && r.options().aliases().stream().anyMatch(a -> a.endsWith("::" + full)));
            assertEquals(1, roles.size(), stack + ": one role aliased to " + full);
            assertEquals(64, roles.get(0).name().length() + 8, roles.get(0).name());
            assertTrue(roles.get(0).name().startsWith("agent-platform-" + stack + "-cluster-services-"), roles.get(0).name());
        }
        assertEquals(1, StackPlans.dev().matching(r -> r.name().equals("agent-platform-dev-cluster-services-lb-controller-role")).size(),
                "dev fits, so its role keeps its name and is not touched");
    }

    @Test
    void aBucketsIdIsTheNameTheProviderGaveIt() {
        Plan plan = StackPlans.production();
        PlannedResource bucket = plan.ofType("aws:s3/bucketV2:BucketV2").get(0);
        String physical = bucket.name() + "-";
        PlannedResource policy = plan.ofType("aws:s3/bucketPolicy:BucketPolicy").get(0);
        assertTrue(policy.input("bucket").asText().startsWith(physical)
                && policy.input("bucket").asText().length() == physical.length() + 7, policy.input("bucket").asText());
    }

    @Test
    void everyAwsTypeTheProgramCreatesHasANameRuleOrIsKnownToHaveNoName() {
        var table = io.agentplatform.core.NameRules.table();
        java.util.Set<String> unclassified = new java.util.TreeSet<>();
        for (String stack : List.of("dev", "staging", "production", "pr", "local")) {
            StackPlans.of(stack).resources().stream().map(PlannedResource::type).filter(t -> t.startsWith("aws:"))
                    .filter(t -> table.forType(t).isEmpty() && !table.nameless().contains(t)).forEach(unclassified::add);
        }
        assertEquals(java.util.Set.of(), unclassified, "add each to insights/aws-name-rules.json (types or nameless)");
    }
}
