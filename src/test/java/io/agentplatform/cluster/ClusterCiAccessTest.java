package io.agentplatform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.config.CiAccessSettings;
import io.agentplatform.config.ClusterSettings;
import io.agentplatform.core.Cidr;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CI's way into each committed cluster: access entries with the narrowest policy, and a network path. */
class ClusterCiAccessTest {
    static final String ENTRY = "aws:eks/accessEntry:AccessEntry";
    static final String ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
    static final String VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
    static final String EDIT = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy";

    private static CiAccessSettings ci(String stack) {
        return StackPlans.config(stack).requireAws().cluster().ciAccess();
    }

    private static PlannedResource associationOf(Plan plan, String principal) {
        List<PlannedResource> found = plan.matching(r -> r.type().equals(ASSOCIATION)
                && r.input("principalArn").asText().equals(principal));
        assertEquals(1, found.size(), "one policy association for " + principal);
        return found.get(0);
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void planAndDriftRolesMayOnlyViewTheWholeCluster(String stack) {
        Plan plan = StackPlans.of(stack);
        for (Optional<String> role : List.of(ci(stack).planRoleArn(), ci(stack).driftRoleArn())) {
            String arn = role.orElseThrow(() -> new AssertionError(stack + " names its plan and drift roles"));
            assertEquals(1, plan.matching(r -> r.type().equals(ENTRY) && r.input("principalArn").asText().equals(arn)
                    && r.input("type").asText().equals("STANDARD")).size(), "an access entry for " + arn);
            PlannedResource association = associationOf(plan, arn);
            assertEquals(VIEW, association.input("policyArn").asText());
            assertEquals("cluster", association.input("accessScope.type").asText());
        }
    }

    @Test
    void thePreviewRoleMayEditOnlyTheEphemeralNamespacesOfTheDevCluster() {
        Plan dev = StackPlans.dev();
        String arn = ci("dev").ephemeralRoleArn().orElseThrow();
        PlannedResource association = associationOf(dev, arn);
        assertEquals(EDIT, association.input("policyArn").asText());
        assertEquals("namespace", association.input("accessScope.type").asText());
        List<String> scopes = texts(association.input("accessScope.namespaces"));
        assertEquals(List.of("agent-pr-*"), scopes);
        // The ephemeral stack pr-123 deploys into namespace agent-pr-123 (Platform), which the wildcard covers.
        String glob = scopes.get(0);
        assertTrue(("agent-" + "pr-123").startsWith(glob.substring(0, glob.length() - 1)) && glob.endsWith("*"));
        assertTrue(StackPlans.of("pr").ofType("kubernetes:core/v1:Namespace").get(0).input("metadata.name").asText()
                .startsWith("agent-pr"), "the ephemeral namespace is agent-pr-<n>");
        for (String stack : List.of("staging", "production")) {
            assertTrue(ci(stack).ephemeralRoleArn().isEmpty(), stack + " hosts no ephemeral stacks");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void noCiRoleIsClusterAdmin(String stack) {
        Plan plan = StackPlans.of(stack);
        CiAccessSettings c = ci(stack);
        for (Optional<String> role : List.of(c.ephemeralRoleArn(), c.planRoleArn(), c.driftRoleArn())) {
            role.ifPresent(arn -> plan.matching(r -> r.type().equals(ASSOCIATION) && r.input("principalArn").asText().equals(arn))
                    .forEach(a -> assertFalse(a.input("policyArn").asText().contains("Admin"), arn + " gets " + a.input("policyArn"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void ciHasANetworkPathToTheApiServer(String stack) {
        Plan plan = StackPlans.of(stack);
        ClusterSettings cluster = StackPlans.config(stack).requireAws().cluster();
        CiAccessSettings c = cluster.ciAccess();
        PlannedResource eks = plan.ofType("aws:eks/cluster:Cluster").get(0);
        String clusterSg = plan.output("clusterSecurityGroupId").asText();
        List<PlannedResource> runnerRules = plan.matching(r -> r.type().equals("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                && r.input("securityGroupId").asText().equals(clusterSg) && r.input("fromPort").asInt() == 443);
        if (c.reach() == CiAccessSettings.Reach.VPC_RUNNER) {
            assertTrue(eks.input("vpcConfig.endpointPrivateAccess").asBoolean());
            assertEquals(c.runnerCidrs(), runnerRules.stream().map(r -> r.input("cidrIpv4").asText())
                    .filter(s -> !s.isEmpty()).toList(), "HTTPS from each runner range to the private endpoint");
            runnerRules.forEach(r -> assertEquals(443, r.input("toPort").asInt()));
        } else {
            assertTrue(eks.input("vpcConfig.endpointPublicAccess").asBoolean());
            List<Cidr> allowed = texts(eks.input("vpcConfig.publicAccessCidrs")).stream()
                    .map(t -> Cidr.parse(t).orElseThrow()).toList();
            for (String egress : c.egressCidrs()) {
                Cidr e = Cidr.parse(egress).orElseThrow();
                assertTrue(allowed.stream().anyMatch(a -> a.contains(e)), egress + " may reach the public endpoint");
            }
            assertTrue(runnerRules.isEmpty(), "no runner rule without a runner in the VPC");
        }
    }

    @Test
    void thePreviewRoleMayCreateAndDeleteOnlyAgentPrNamespaces() {
        Plan dev = StackPlans.dev();
        String arn = ci("dev").ephemeralRoleArn().orElseThrow();
        PlannedResource entry = dev.matching(r -> r.type().equals(ENTRY) && r.input("principalArn").asText().equals(arn)).get(0);
        List<String> groups = texts(entry.input("kubernetesGroups"));
        assertEquals(1, groups.size(), "one Kubernetes group for the namespace objects: " + groups);
        String group = groups.get(0);

        PlannedResource binding = dev.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").stream()
                .filter(b -> b.input("subjects.0.name").asText().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("a ClusterRoleBinding for " + group));
        assertEquals("Group", binding.input("subjects.0.kind").asText());
        PlannedResource role = dev.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").stream()
                .filter(r -> r.input("metadata.name").asText().equals(binding.input("roleRef.name").asText())).findFirst()
                .orElseThrow();
        for (JsonNode rule : role.input("rules")) {
            assertEquals(List.of("namespaces"), texts(rule.path("resources")), "nothing but namespaces");
        }

        PlannedResource policy = dev.ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").get(0);
        assertEquals("Fail", policy.input("spec.failurePolicy").asText());
        assertTrue(policy.input("spec.matchConditions.0.expression").asText().contains("'" + group + "' in request.userInfo.groups"));
        assertEquals(List.of("namespaces"), texts(policy.input("spec.matchConstraints.resourceRules.0.resources")));
        assertTrue(texts(policy.input("spec.matchConstraints.resourceRules.0.operations")).containsAll(List.of("CREATE", "DELETE")));
        assertTrue(policy.input("spec.validations.0.expression").asText().contains("startsWith('agent-pr-')"),
                policy.input("spec.validations.0.expression").asText());
        PlannedResource policyBinding = dev.ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding").get(0);
        assertEquals(policy.input("metadata.name").asText(), policyBinding.input("spec.policyName").asText());
        assertEquals(List.of("Deny"), texts(policyBinding.input("spec.validationActions")));
        for (String stack : List.of("staging", "production")) {
            assertTrue(StackPlans.of(stack).ofType("kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").isEmpty());
        }
    }
}
