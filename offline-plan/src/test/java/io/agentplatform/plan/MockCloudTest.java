package io.agentplatform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mock cloud answers each type the way AWS, the cluster and the Pulumi service would, from its registry. */
class MockCloudTest {
    private final MockCloud cloud = new MockCloud("eu-west-1",
            Map.of("organization/agent-platform/dev", Map.of("clusterName", "agent-platform-dev")));

    private Map<String, Object> create(String type, String name, Map<String, Object> inputs) {
        return cloud.state(type, name, inputs, cloud.id(type, name, inputs), null);
    }

    @Test
    void aBackupVaultAndADbInstanceHaveTheArnsAwsGivesThemInTheRegionOfTheirProvider() {
        Map<String, Object> provider = Map.of("region", "eu-central-1");
        String providerId = cloud.id("pulumi:providers:aws", "copy", provider);
        cloud.state("pulumi:providers:aws", "copy", provider, providerId, null);
        String ref = "urn:pulumi:production::agent-platform::pulumi:providers:aws::copy::" + providerId;
        Map<String, Object> vault = cloud.state("aws:backup/vault:Vault", "copy-vault", Map.of("name", "copy-vault"),
                "copy-vault", ref);
        assertEquals("arn:aws:backup:eu-central-1:" + MockCloud.ACCOUNT + ":backup-vault:copy-vault", vault.get("arn"));
        assertEquals("arn:aws:backup:eu-west-1:" + MockCloud.ACCOUNT + ":backup-vault:home-vault",
                create("aws:backup/vault:Vault", "home", Map.of("name", "home-vault")).get("arn"));
        assertEquals("arn:aws:rds:eu-west-1:" + MockCloud.ACCOUNT + ":db:agent-platform-dev-db",
                create("aws:rds/instance:Instance", "db", Map.of("identifier", "agent-platform-dev-db")).get("arn"));
    }

    @Test
    void ec2ResourcesGetIdsWithThePrefixAwsUses() {
        assertTrue(cloud.id("aws:ec2/vpc:Vpc", "net", Map.of()).matches("vpc-[0-9a-f]{17}"));
        assertTrue(cloud.id("aws:ec2/securityGroup:SecurityGroup", "db", Map.of()).matches("sg-[0-9a-f]{17}"));
        assertTrue(cloud.id("aws:ec2/launchTemplate:LaunchTemplate", "lt", Map.of()).matches("lt-[0-9a-f]{17}"));
        assertTrue(cloud.id("aws:iam/role:Role", "r", Map.of()).matches("[0-9a-f]{20}"), "no prefix: a hash");
    }

    @Test
    void theSameResourceGetsTheSameIdAndTwoResourcesDifferentOnes() {
        assertEquals(cloud.id("aws:ec2/subnet:Subnet", "a", Map.of()), cloud.id("aws:ec2/subnet:Subnet", "a", Map.of()));
        assertFalse(cloud.id("aws:ec2/subnet:Subnet", "a", Map.of()).equals(cloud.id("aws:ec2/subnet:Subnet", "b", Map.of())));
    }

    @Test
    void anAwsResourceWithoutItsOwnEntryIsAutoNamedAndItsArnCarriesItsId() {
        Map<String, Object> state = create("aws:example/widget:Widget", "jobs", Map.of("tags", Map.of("team", "a")));
        String id = cloud.id("aws:example/widget:Widget", "jobs", Map.of());
        assertTrue(String.valueOf(state.get("name")).matches("jobs-[0-9a-f]{7}"), String.valueOf(state.get("name")));
        assertEquals("arn:aws:example:eu-west-1:" + MockCloud.ACCOUNT + ":widget/" + id, state.get("arn"));
        assertEquals(Map.of("team", "a"), state.get("tagsAll"));
    }

    @Test
    void aQueueHasANamedArnWithoutAQueuePrefixAndItsUrl() {
        Map<String, Object> state = create("aws:sqs/queue:Queue", "interruptions", Map.of());
        String name = String.valueOf(state.get("name"));
        assertTrue(name.matches("interruptions-[0-9a-f]{7}"), name);
        assertEquals("arn:aws:sqs:eu-west-1:123456789012:" + name, state.get("arn"));
        assertEquals("https://sqs.eu-west-1.amazonaws.com/123456789012/" + name, state.get("url"));
    }

    @Test
    void anEventRuleIsAnEventsArnOnTheDefaultBusAndItsTargetIsNamedAfterIt() {
        assertEquals("arn:aws:events:eu-west-1:123456789012:rule/spot",
                create("aws:cloudwatch/eventRule:EventRule", "r", Map.of("name", "spot")).get("arn"));
        assertEquals("spot-queue", cloud.id("aws:cloudwatch/eventTarget:EventTarget", "t",
                Map.of("rule", "spot", "targetId", "queue")));
    }

    @Test
    void anIamRoleArnCarriesItsPath() {
        assertEquals("arn:aws:iam::123456789012:role/agent-platform/dev/nodes",
                create("aws:iam/role:Role", "r", Map.of("name", "nodes", "path", "/agent-platform/dev/")).get("arn"));
    }

    @Test
    void iamArnsAreGlobalAndNamedLogGroupArnsAreNamed() {
        assertEquals("arn:aws:iam::" + MockCloud.ACCOUNT + ":role/deployer",
                create("aws:iam/role:Role", "r", Map.of("name", "deployer")).get("arn"));
        assertEquals("arn:aws:logs:eu-west-1:" + MockCloud.ACCOUNT + ":log-group:/aws/eks/c",
                create("aws:cloudwatch/logGroup:LogGroup", "l", Map.of("name", "/aws/eks/c")).get("arn"));
    }

    @Test
    void aBucketIsIdentifiedByItsNameAndItsArnHasNoRegionOrAccount() {
        Map<String, Object> inputs = Map.of("bucket", "agent-logs");
        assertEquals("agent-logs", cloud.id("aws:s3/bucketV2:BucketV2", "logs", inputs));
        Map<String, Object> state = create("aws:s3/bucketV2:BucketV2", "logs", inputs);
        assertEquals("arn:aws:s3:::agent-logs", state.get("arn"));
        assertEquals("agent-logs.s3.eu-west-1.amazonaws.com", state.get("bucketRegionalDomainName"));
    }

    @Test
    void aKmsKeyIdIsAUuidThatItsArnCarries() {
        String id = cloud.id("aws:kms/key:Key", "data", Map.of());
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        Map<String, Object> state = create("aws:kms/key:Key", "data", Map.of());
        assertEquals(id, state.get("keyId"));
        assertEquals("arn:aws:kms:eu-west-1:" + MockCloud.ACCOUNT + ":key/" + id, state.get("arn"));
    }

    @Test
    void aDatabaseEndpointIsItsAddressAndPortAndAManagedSecretIsReported() {
        Map<String, Object> state = create("aws:rds/instance:Instance", "db",
                Map.of("identifier", "agent-db", "port", 5433.0, "manageMasterUserPassword", true));
        String address = String.valueOf(state.get("address"));
        assertTrue(address.startsWith("agent-db.") && address.endsWith(".eu-west-1.rds.amazonaws.com"), address);
        assertEquals(address + ":5433", state.get("endpoint"));
        assertTrue(String.valueOf(state.get("masterUserSecrets")).contains("arn:aws:secretsmanager:eu-west-1:"));
        assertFalse(create("aws:rds/instance:Instance", "db", Map.of()).containsKey("masterUserSecrets"));
    }

    @Test
    void aCacheEndpointUsesTheShortRegionCode() {
        Map<String, Object> state = create("aws:elasticache/replicationGroup:ReplicationGroup", "c",
                Map.of("replicationGroupId", "agent-cache"));
        assertTrue(String.valueOf(state.get("primaryEndpointAddress")).matches("master\\.agent-cache\\.[0-9a-f]{6}\\.euw1\\.cache\\.amazonaws\\.com"),
                String.valueOf(state.get("primaryEndpointAddress")));
        assertEquals(List.of("agent-cache-001"), state.get("memberClusters"));
    }

    @Test
    void aClusterHasAnEndpointAndAnOidcIssuerInItsRegion() {
        Map<String, Object> state = create("aws:eks/cluster:Cluster", "k", Map.of("vpcConfig", Map.of("subnetIds", List.of("s"))));
        assertTrue(String.valueOf(state.get("endpoint")).matches("https://[0-9A-F]{32}\\.gr7\\.eu-west-1\\.eks\\.amazonaws\\.com"));
        assertTrue(String.valueOf(state.get("identities")).contains("https://oidc.eks.eu-west-1.amazonaws.com/id/"));
        assertTrue(String.valueOf(state.get("vpcConfig")).contains("subnetIds"), "the inputs stay");
    }

    @Test
    void kubernetesObjectsGetAUidAndHelmReleasesADeployedStatusInstead() {
        Map<String, Object> object = create("kubernetes:core/v1:Namespace", "ns", Map.of("metadata", Map.of("name", "agent")));
        assertTrue(String.valueOf(object.get("metadata")).contains("uid="), String.valueOf(object.get("metadata")));
        Map<String, Object> release = create("kubernetes:helm.sh/v3:Release", "loki", Map.of("name", "loki", "chart", "loki"));
        assertFalse(release.containsKey("metadata"));
        assertTrue(String.valueOf(release.get("status")).contains("status=deployed"), String.valueOf(release.get("status")));
    }

    @Test
    void aStackReferenceHandsOverTheNamedStacksOutputsAndAnUnknownStackHasNone() {
        assertEquals(Map.of("clusterName", "agent-platform-dev"), create("pulumi:pulumi:StackReference", "platform",
                Map.of("name", "organization/agent-platform/dev")).get("outputs"));
        assertEquals(Map.of(), create("pulumi:pulumi:StackReference", "other", Map.of("name", "organization/x/y")).get("outputs"));
    }

    @Test
    void providerFunctionsAnswerForTheRegionAndAnUnknownOneIsNamed() {
        assertEquals("eu-west-1", cloud.invoke("aws:index/getRegion:getRegion", Map.of()).get("name"));
        assertEquals(MockCloud.ACCOUNT, cloud.invoke("aws:index/getCallerIdentity:getCallerIdentity", Map.of()).get("accountId"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cloud.invoke("aws:ec2/getAmi:getAmi", Map.of()));
        assertTrue(e.getMessage().contains("aws:ec2/getAmi:getAmi"), e.getMessage());
    }

    @Test
    void aTypeRegisteredTwiceIsAMistakeNotAnOverride() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MockTypes.standard().with(Map.of("aws:ec2/vpc:Vpc", TypeMock.withPrefixedId("aws:ec2/vpc:Vpc", "x-"))));
        assertTrue(e.getMessage().contains("aws:ec2/vpc:Vpc"), e.getMessage());
    }
}
