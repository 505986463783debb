package io.agentplatform.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.StackPlans;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Velero in staging and production: pinned chart, its own bucket, a scoped IRSA role, schedules from config. */
class VeleroPlanTest {
    static final String RELEASE = "kubernetes:helm.sh/v3:Release";

    static PlannedResource release(Plan plan) {
        return plan.ofType(RELEASE).stream().filter(r -> r.input("chart").asText().equals("velero")).findFirst().orElseThrow();
    }

    static List<PlannedResource> under(Plan plan, String component) {
        return plan.matching(r -> r.parent() != null && r.parent().endsWith("-" + component));
    }

    @Test
    void devRunsNoVelero() {
        assertEquals(List.of(), StackPlans.dev().matching(r -> r.type().equals("agent-platform:k8s:Velero")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theChartIsPinnedWithTheAwsPluginAndIrsaInsteadOfAKey(String stack) {
        PlannedResource velero = release(StackPlans.of(stack));
        assertEquals("12.1.0", velero.input("version").asText());
        assertEquals("https://vmware-tanzu.github.io/helm-charts", velero.input("repositoryOpts.repo").asText());
        JsonNode values = velero.input("values");
        assertEquals("v1.18.3", values.path("image").path("tag").asText());
        assertTrue(values.path("upgradeCRDs").asBoolean(), "the CRDs come from the pinned image, not the chart's older copies");
        assertEquals("docker.io/velero/velero-plugin-for-aws:v1.14.3", values.path("initContainers").path(0).path("image").asText());
        assertFalse(values.path("credentials").path("useSecret").asBoolean(true));
        assertTrue(values.path("serviceAccount").path("server").path("annotations").path("eks.amazonaws.com/role-arn")
                .asText().contains(":role/"));
        assertTrue(values.path("kubectl").isMissingNode() && !values.path("cleanUpCRDs").asBoolean(false),
                "no kubectl job runs, so no unpinned kubectl image is pulled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void backupsGoToTheStacksOwnVeleroBucketAndEbsSnapshotsInItsRegion(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource bucket = plan.ofType("aws:s3/bucketV2:BucketV2").stream()
                .filter(b -> b.name().endsWith("-velero-bucket")).findFirst().orElseThrow();
        PlannedResource velero = release(plan);
        JsonNode location = velero.input("values").path("configuration");
        assertTrue(velero.dependsOn(bucket.urn()), "the storage location takes the bucket's name");
        assertTrue(location.path("backupStorageLocation").path(0).path("bucket").asText().startsWith(bucket.name() + "-"));
        assertEquals("eu-west-1", location.path("volumeSnapshotLocation").path(0).path("config").path("region").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theBucketIsPrivateEncryptedVersionedAndExpiresBackupsAWeekAfterVeleroDoes(String stack) {
        Plan plan = StackPlans.of(stack);
        List<String> types = under(plan, "velero").stream().map(PlannedResource::type).toList();
        assertTrue(types.containsAll(List.of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketPolicy:BucketPolicy")), types.toString());
        PlannedResource lifecycle = under(plan, "velero").stream()
                .filter(r -> r.type().equals("aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"))
                .findFirst().orElseThrow();
        int retention = StackPlans.config(stack).requireAws().velero().retentionDays();
        assertEquals(retention + 7, lifecycle.input("rules.0.expiration.days").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theAgentAndMonitoringNamespacesAreBackedUpEverySixHoursAndKept30Days(String stack) {
        JsonNode schedules = release(StackPlans.of(stack)).input("values").path("schedules");
        for (String namespace : List.of("agent", "monitoring")) {
            JsonNode schedule = schedules.path(namespace);
            assertEquals("0 */6 * * *", schedule.path("schedule").asText(), namespace);
            assertEquals("720h0m0s", schedule.path("template").path("ttl").asText());
            assertEquals(List.of(namespace), List.of(schedule.path("template").path("includedNamespaces").path(0).asText()));
            assertTrue(schedule.path("template").path("snapshotVolumes").asBoolean());
        }
        assertEquals(2, schedules.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theRoleReachesOnlyItsBucketAndVolumesAndSnapshotsInTheRegion(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource policy = under(plan, "velero").stream().filter(r -> r.type().equals("aws:iam/policy:Policy"))
                .findFirst().orElseThrow();
        String bucketArn = "arn:aws:s3:::" + release(plan).input("values").path("configuration")
                .path("backupStorageLocation").path(0).path("bucket").asText();
        String document = policy.input("policy").asText();
        assertTrue(document.contains("\"" + bucketArn + "/*\""), document);
        assertTrue(document.contains("arn:aws:ec2:eu-west-1::snapshot/*"), document);
        assertFalse(document.contains("\"s3:*\"") || document.contains("\"ec2:*\""), document);
        PlannedResource role = under(plan, "velero").stream().filter(r -> r.type().equals("aws:iam/role:Role"))
                .findFirst().orElseThrow();
        assertTrue(role.input("assumeRolePolicy").asText().contains("system:serviceaccount:velero:velero"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void veleroRunsUnderTheRestrictedPodSecurityLevel(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource namespace = under(plan, "velero").stream().filter(r -> r.type().equals("kubernetes:core/v1:Namespace"))
                .findFirst().orElseThrow();
        assertEquals("restricted", namespace.input("metadata.labels").path("pod-security.kubernetes.io/enforce").asText());
        JsonNode values = release(plan).input("values");
        assertTrue(values.path("podSecurityContext").path("runAsNonRoot").asBoolean());
        assertEquals("RuntimeDefault", values.path("podSecurityContext").path("seccompProfile").path("type").asText());
        for (JsonNode container : List.of(values.path("containerSecurityContext"), values.path("initContainers").path(0).path("securityContext"))) {
            assertFalse(container.path("allowPrivilegeEscalation").asBoolean(true));
            assertEquals("ALL", container.path("capabilities").path("drop").path(0).asText());
        }
    }

    @Test
    void productionsVeleroBucketIsProtectedAndKept() {
        PlannedResource bucket = StackPlans.production().ofType("aws:s3/bucketV2:BucketV2").stream()
                .filter(b -> b.name().endsWith("-velero-bucket")).findFirst().orElseThrow();
        assertTrue(bucket.options().protect() && bucket.options().retainOnDelete());
        assertFalse(bucket.input("forceDestroy").asBoolean());
    }
}
