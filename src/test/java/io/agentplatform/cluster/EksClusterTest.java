package io.agentplatform.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EksClusterTest {

    private static PlannedResource cluster(Plan plan) {
        return plan.ofType("aws:eks/cluster:Cluster").get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void secretsAreEnvelopeEncryptedWithARotatingCustomerManagedKey(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource cluster = cluster(plan);
        assertEquals("secrets", cluster.input("encryptionConfig.resources.0").asText());
        String keyArn = cluster.input("encryptionConfig.provider.keyArn").asText();
        assertTrue(keyArn.startsWith("arn:aws:kms:eu-west-1:"), keyArn);
        assertTrue(plan.ofType("aws:kms/key:Key").stream().allMatch(k -> k.input("enableKeyRotation").asBoolean()),
                "every KMS key rotates");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void auditAndAuthenticatorLogsGoToAnEncryptedLogGroupWithRetention(String stack) throws Exception {
        Plan plan = StackPlans.of(stack);
        List<String> types = new ArrayList<>();
        cluster(plan).input("enabledClusterLogTypes").forEach(t -> types.add(t.asText()));
        assertTrue(types.containsAll(List.of("api", "audit", "authenticator")), types::toString);
        PlannedResource group = plan.matching(r -> r.type().equals("aws:cloudwatch/logGroup:LogGroup")
                && r.input("name").asText().equals("/aws/eks/" + plan.output("clusterName").asText() + "/cluster")).get(0);
        assertEquals(StackPlans.config(stack).requireAws().cluster().logRetentionDays(), group.input("retentionInDays").asInt());
        assertTrue(group.input("kmsKeyId").asText().startsWith("arn:aws:kms:"));
        assertTrue(cluster(plan).dependsOn(group.urn()), "EKS must find the log group ready, not create its own");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theClusterRoleIsMadeUnderTheStacksPathAndNeverMovedOffAnExistingCluster(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource role = plan.named("aws:iam/role:Role", "agent-platform-" + stack + "-eks-cluster-role");
        assertEquals("/" + plan.project() + "/" + stack + "/", role.input("path").asText());
        assertTrue(cluster(plan).input("roleArn").asText().contains(":role" + role.input("path").asText() + role.name() + "-"),
                cluster(plan).input("roleArn").asText());
        assertEquals(List.of("path"), role.options().ignoreChanges(),
                "a new role ARN replaces the cluster (EKS cannot change a cluster's role): a cluster made under the"
                        + " former shared path keeps its role");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void privateEndpointIsAlwaysOnAndThePublicOneHasAnAllowlist(String stack) {
        PlannedResource cluster = cluster(StackPlans.of(stack));
        assertTrue(cluster.input("vpcConfig.endpointPrivateAccess").asBoolean());
        if (cluster.input("vpcConfig.endpointPublicAccess").asBoolean()) {
            assertTrue(cluster.input("vpcConfig.publicAccessCidrs").size() > 0);
        }
    }

    @Test
    void productionPublicEndpointIsNotOpenToTheInternet() {
        PlannedResource cluster = cluster(StackPlans.production());
        cluster.input("vpcConfig.publicAccessCidrs").forEach(c -> assertFalse(c.asText().equals("0.0.0.0/0")));
    }

    @Test
    void productionClusterAndItsKeyAreProtectedAndTheKeyIsKept() {
        Plan plan = StackPlans.production();
        assertTrue(cluster(plan).options().protect());
        PlannedResource key = plan.matching(r -> r.type().equals("aws:kms/key:Key") && r.name().contains("-eks-")).get(0);
        assertTrue(key.options().protect() && key.options().retainOnDelete());
        assertFalse(cluster(StackPlans.dev()).options().protect(), "dev goes away with one destroy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void accessEntriesGrantClusterAdminToTheConfiguredPrincipals(String stack) {
        Plan plan = StackPlans.of(stack);
        assertEquals("API", cluster(plan).input("accessConfig.authenticationMode").asText());
        List<String> admins = StackPlans.config(stack).requireAws().cluster().adminPrincipalArns();
        // Cluster admin exactly for the admins; CI's entries (ClusterCiAccessTest) get less.
        List<String> clusterAdmins = plan.ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").stream()
                .filter(a -> a.input("policyArn").asText().endsWith("AmazonEKSClusterAdminPolicy"))
                .map(a -> a.input("principalArn").asText()).toList();
        assertEquals(admins, clusterAdmins);
        List<String> entries = plan.ofType("aws:eks/accessEntry:AccessEntry").stream()
                .map(e -> e.input("principalArn").asText()).toList();
        assertTrue(entries.containsAll(admins), "every admin has an access entry: " + entries);
    }

    @Test
    void serviceAccountRolesTrustOnlyTheirServiceAccountThroughTheClusterIssuer() throws Exception {
        Plan plan = StackPlans.dev();
        String issuer = plan.output("oidcProviderUrl").asText().replaceFirst("^https://", "");
        PlannedResource ebs = plan.matching(r -> r.type().equals("aws:iam/role:Role") && r.name().contains("ebs-csi")).get(0);
        JsonNode trust = new ObjectMapper().readTree(ebs.input("assumeRolePolicy").asText());
        JsonNode statement = trust.path("Statement").get(0);
        assertEquals(plan.output("oidcProviderArn").asText(), statement.path("Principal").path("Federated").asText());
        assertEquals("system:serviceaccount:kube-system:ebs-csi-controller-sa",
                statement.path("Condition").path("StringEquals").path(issuer + ":sub").asText());
        assertEquals("sts.amazonaws.com", statement.path("Condition").path("StringEquals").path(issuer + ":aud").asText());
    }

    @Test
    void theKubernetesProviderUsesASecretKubeconfigThatCallsAwsEksGetToken() {
        Plan plan = StackPlans.dev();
        PlannedResource provider = plan.ofType("pulumi:providers:kubernetes").get(0);
        assertEquals("[secret]", provider.input("kubeconfig").asText());
        assertEquals("[secret]", plan.output("kubeconfig").asText());
        assertTrue(plan.ofType("kubernetes:storage.k8s.io/v1:StorageClass").stream()
                .allMatch(sc -> provider.urn().equals(sc.provider())), "cluster objects deploy through this provider");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void outputsOtherTeamsUseArePresentAndRealistic(String stack) {
        Plan plan = StackPlans.of(stack);
        assertTrue(plan.output("vpcId").asText().matches("vpc-[0-9a-f]{17}"));
        for (String list : List.of("publicSubnetIds", "privateSubnetIds", "databaseSubnetIds")) {
            assertEquals(StackPlans.config(stack).requireAws().network().availabilityZoneCount(), plan.output(list).size(), list);
            plan.output(list).forEach(id -> assertTrue(id.asText().matches("subnet-[0-9a-f]{17}"), list));
        }
        assertEquals("agent-platform-" + stack + "-eks", plan.output("clusterName").asText());
        assertTrue(plan.output("clusterEndpoint").asText().matches("https://[0-9A-F]{32}\\.gr7\\.eu-west-1\\.eks\\.amazonaws\\.com"));
        assertTrue(plan.output("clusterCertificateAuthority").asText().length() > 40);
        assertTrue(plan.output("oidcProviderArn").asText().startsWith("arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/"));
        assertTrue(plan.output("oidcProviderUrl").asText().startsWith("https://oidc.eks.eu-west-1.amazonaws.com/id/"));
        assertTrue(plan.output("clusterSecurityGroupId").asText().matches("sg-[0-9a-f]{17}"));
        assertTrue(plan.output("nodeRoleArn").asText().startsWith("arn:aws:iam::123456789012:role/"));
        assertEquals("[secret]", plan.output("kubeconfig").asText());
    }
}
