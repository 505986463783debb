package io.agentplatform.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.config.MonitoringSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.agentplatform.PlanQueries.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs: Loki's storage and retention per environment, and Alloy shipping pod logs to it. */
class LokiAndAlloyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode loki(Plan plan) {
        return MonitoringObjects.release(plan, "loki").input("values");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void lokiKeepsChunksInAPrivateEncryptedVersionedBucketThroughIrsa(String stack) throws Exception {
        Plan plan = StackPlans.of(stack);
        PlannedResource bucket = plan.named("aws:s3/bucketV2:BucketV2", "agent-platform-" + stack + "-monitoring-loki-chunks");
        JsonNode values = loki(plan);
        JsonNode storage = values.path("loki").path("storage");
        assertEquals("s3", storage.path("type").asText());
        assertEquals("eu-west-1", storage.path("s3").path("region").asText());
        String bucketName = storage.path("bucketNames").path("chunks").asText();
        assertTrue(bucketName.startsWith("agent-platform-" + stack + "-monitoring-loki-chunks"), bucketName);
        assertFalse(values.toString().contains("accessKeyId\":\"") || values.toString().contains("secretAccessKey\":\""),
                "no static keys");
        assertEquals("s3", values.path("loki").path("schemaConfig").path("configs").path(0).path("object_store").asText());

        String bucketUrn = bucket.urn();
        List<PlannedResource> monitoring = MonitoringObjects.component(plan);
        PlannedResource encryption = single(monitoring, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2");
        assertTrue(encryption.dependsOn(bucketUrn));
        assertTrue(List.of("AES256", "aws:kms").contains(
                encryption.input("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm").asText()));
        PlannedResource publicAccess = single(monitoring, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertTrue(publicAccess.input(flag).asBoolean(), flag);
        }
        assertEquals("Enabled", single(monitoring, "aws:s3/bucketVersioningV2:BucketVersioningV2")
                .input("versioningConfiguration.status").asText());
        JsonNode rules = single(monitoring, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2").input("rules");
        assertTrue(rules.toString().contains("noncurrentVersionExpiration"), "versions left by deletes expire");
        assertTrue(rules.toString().contains("abortIncompleteMultipartUpload"));

        PlannedResource role = plan.named("aws:iam/role:Role", "agent-platform-" + stack + "-monitoring-loki-irsa");
        JsonNode trust = JSON.readTree(role.input("assumeRolePolicy").asText()).path("Statement").path(0);
        String issuer = plan.output("oidcProviderUrl").asText().replaceFirst("^https://", "");
        assertTrue(issuer.startsWith("oidc.eks.eu-west-1.amazonaws.com/id/"), "the cluster's own issuer: " + issuer);
        assertEquals("sts:AssumeRoleWithWebIdentity", trust.path("Action").asText());
        assertEquals("system:serviceaccount:monitoring:loki",
                trust.path("Condition").path("StringEquals").path(issuer + ":sub").asText());
        assertEquals("loki", values.path("serviceAccount").path("name").asText(), "the account the role trusts");
        String roleArn = values.path("serviceAccount").path("annotations").path("eks.amazonaws.com/role-arn").asText();
        assertTrue(roleArn.startsWith("arn:aws:iam::") && roleArn.contains(":role" + role.input("path").asText() + role.name() + "-"),
                roleArn);
        JsonNode policy = JSON.readTree(plan.named("aws:iam/rolePolicy:RolePolicy", "agent-platform-" + stack + "-monitoring-loki-s3")
                .input("policy").asText());
        assertTrue(policy.toString().contains("arn:aws:s3:::" + bucketName + "/*"), "object access limited to the bucket");
        assertFalse(policy.toString().contains("\"Resource\":\"*\""));
    }

    @Test
    void devKeepsLogsOnAPersistentVolumeAndCreatesNoBucket() {
        Plan plan = StackPlans.of("dev");
        MonitoringSettings s = StackPlans.config("dev").monitoring().orElseThrow().settings();
        JsonNode values = loki(plan);
        assertEquals("filesystem", values.path("loki").path("storage").path("type").asText());
        JsonNode persistence = values.path("singleBinary").path("persistence");
        assertTrue(persistence.path("enabled").asBoolean());
        assertEquals(s.lokiVolumeGiB() + "Gi", persistence.path("size").asText());
        assertEquals(MonitoringObjects.storageClassName(plan), persistence.path("storageClass").asText());
        assertEquals(1, values.path("singleBinary").path("replicas").asInt());
        List<PlannedResource> monitoring = MonitoringObjects.component(plan);
        assertFalse(monitoring.isEmpty());
        assertTrue(monitoring.stream().noneMatch(r -> r.type().startsWith("aws:s3/")), "no bucket");
        assertTrue(monitoring.stream().noneMatch(r -> r.type().equals("aws:iam/role:Role")), "no role for Loki");
        assertFalse(values.path("serviceAccount").path("annotations").has("eks.amazonaws.com/role-arn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void lokiRunsMonolithicAndItsCompactorEnforcesTheConfiguredRetention(String stack) {
        MonitoringSettings s = StackPlans.config(stack).monitoring().orElseThrow().settings();
        JsonNode values = loki(StackPlans.of(stack));
        assertEquals("Monolithic", values.path("deploymentMode").asText());
        assertEquals(s.lokiReplicas(), values.path("singleBinary").path("replicas").asInt());
        for (String scalable : List.of("read", "write", "backend")) {
            assertEquals(0, values.path(scalable).path("replicas").asInt(-1), scalable + " is off in monolithic mode");
        }
        assertTrue(values.path("loki").path("compactor").path("retention_enabled").asBoolean());
        assertEquals(s.lokiRetentionDays() * 24 + "h", values.path("loki").path("limits_config").path("retention_period").asText());
        assertFalse(values.path("loki").path("compactor").path("delete_request_store").asText().isEmpty(),
                "retention needs a delete request store");
    }

    @Test
    void alloyShipsEveryNodesPodLogsToLokiWithNamespacePodAndContainer() {
        Plan plan = StackPlans.of("production");
        JsonNode values = MonitoringObjects.release(plan, "alloy").input("values");
        assertEquals("daemonset", values.path("controller").path("type").asText());
        assertTrue(values.path("alloy").path("mounts").path("varlog").asBoolean(), "reads /var/log/pods");
        String config = values.path("alloy").path("configMap").path("content").asText();
        for (String label : List.of("\"namespace\"", "\"pod\"", "\"container\"")) {
            assertTrue(config.contains("target_label  = " + label), "label " + label);
        }
        assertTrue(config.contains("loki.write"));
        assertTrue(config.contains("spec.nodeName="), "each pod tails only its own node");
        JsonNode env = values.path("alloy").path("extraEnv").path(0);
        assertEquals("LOKI_PUSH_URL", env.path("name").asText());
        assertEquals("http://loki.monitoring.svc.cluster.local:3100/loki/api/v1/push", env.path("value").asText());
    }

    @Test
    void grafanaHasPrometheusAndLokiDatasourcesWithFixedUids() {
        JsonNode grafana = MonitoringObjects.release(StackPlans.of("dev"), "kube-prometheus-stack").input("values.grafana");
        assertEquals("prometheus", grafana.path("sidecar").path("datasources").path("uid").asText());
        JsonNode loki = grafana.path("additionalDataSources").path(0);
        assertEquals("loki", loki.path("uid").asText());
        assertEquals("loki", loki.path("type").asText());
        assertEquals("http://loki.monitoring.svc.cluster.local:3100", loki.path("url").asText());
    }
}
