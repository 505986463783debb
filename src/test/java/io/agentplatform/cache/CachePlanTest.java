package io.agentplatform.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.config.CacheSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;

import static io.agentplatform.PlanQueries.keyArnPattern;
import static io.agentplatform.PlanQueries.single;
import static io.agentplatform.PlanQueries.strings;
import static io.agentplatform.PlanQueries.underComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Valkey/Redis cache of every committed stack, read from the offline plan of the real program. */
class CachePlanTest {
    static final String COMPONENT = "agent-platform:aws:Cache";
    static final String GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
    static final String KEY = "aws:kms/key:Key";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String SUBNET_GROUP = "aws:elasticache/subnetGroup:SubnetGroup";
    static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";

    private static List<PlannedResource> cache(String stack) {
        return underComponent(StackPlans.of(stack), COMPONENT);
    }

    private static PlannedResource group(String stack) {
        return single(cache(stack), GROUP);
    }

    private static CacheSettings settings(String stack) {
        return StackPlans.config(stack).requireAws().cache();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void dataIsEncryptedAtRestWithTheCachesOwnRotatingKeyAndInTransit(String stack) {
        PlannedResource group = group(stack);
        PlannedResource key = single(cache(stack), KEY);
        assertTrue(group.input("atRestEncryptionEnabled").asBoolean());
        assertTrue(group.input("kmsKeyId").asText().matches(keyArnPattern(cache(stack), "eu-west-1")),
                "the cache's own customer-managed key: " + group.input("kmsKeyId"));
        assertTrue(group.dependsOn(key.urn()), "the key is the cache's own");
        assertTrue(key.input("enableKeyRotation").asBoolean());
        assertTrue(group.input("transitEncryptionEnabled").asBoolean(), "TLS between clients and nodes");
        assertEquals("required", group.input("transitEncryptionMode").asText(), "plain-text connections are refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theAuthTokenIsASecretAndRotatesInPlace(String stack) {
        PlannedResource group = group(stack);
        assertEquals(Plan.SECRET, group.input("authToken").asText());
        assertEquals("ROTATE", group.input("authTokenUpdateStrategy").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onlyTheClusterSecurityGroupMayConnectOnPort6379(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource sg = single(cache(stack), SECURITY_GROUP);
        List<String> groups = strings(group(stack).input("securityGroupIds"));
        assertEquals(1, groups.size(), "the nodes sit in one group: " + groups);
        assertTrue(group(stack).dependsOn(sg.urn()), "that group is the cache's own");
        String cacheSg = groups.get(0);
        assertTrue(sg.input("ingress").isMissingNode() || sg.input("ingress").isEmpty(), "no inline ingress rules");

        List<PlannedResource> rules = plan.ofType(INGRESS).stream()
                .filter(r -> r.input("securityGroupId").asText().equals(cacheSg)).toList();
        assertEquals(1, rules.size(), "exactly one way in");
        PlannedResource rule = rules.get(0);
        assertEquals(plan.output("clusterSecurityGroupId").asText(), rule.input("referencedSecurityGroupId").asText(),
                "the cluster security group, which EKS attaches to every managed node");
        assertTrue(rule.dependsOn(sg.urn()));
        assertEquals("tcp", rule.input("ipProtocol").asText());
        assertEquals(6379, rule.input("fromPort").asInt());
        assertEquals(6379, rule.input("toPort").asInt());
        for (String cidr : List.of("cidrIpv4", "cidrIpv6", "prefixListId")) {
            assertTrue(rule.input(cidr).isMissingNode(), "the rule must not open " + cidr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theNodesLiveInThePrivateSubnets(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource subnets = single(cache(stack), SUBNET_GROUP);
        assertEquals(strings(plan.output("privateSubnetIds")), strings(subnets.input("subnetIds")));
        assertTrue(group(stack).dependsOn(subnets.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void valuableStacksHaveAReplicaInAnotherZoneWithFailoverAndSnapshots(String stack) {
        PlannedResource group = group(stack);
        assertTrue(group.input("numCacheClusters").asInt() >= 2, "a primary and at least one replica");
        assertTrue(group.input("multiAzEnabled").asBoolean());
        assertTrue(group.input("automaticFailoverEnabled").asBoolean());
        assertTrue(group.input("snapshotRetentionLimit").asInt() > 0, "daily snapshots are kept");
    }

    @Test
    void devIsASingleNode() {
        PlannedResource group = group("dev");
        assertEquals(1, group.input("numCacheClusters").asInt());
        assertFalse(group.input("multiAzEnabled").asBoolean());
        assertFalse(group.input("automaticFailoverEnabled").asBoolean());
    }

    @Test
    void productionProtectsTheCacheAndKeepsItsKey() {
        PlannedResource group = group("production");
        PlannedResource key = single(cache("production"), KEY);
        assertTrue(group.options().protect(), "Pulumi refuses to delete the replication group");
        assertTrue(key.options().protect(), "Pulumi refuses to delete the key");
        assertTrue(key.options().retainOnDelete(), "the key outlives the stack, so snapshots stay readable");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void theSlowLogIsKeptAsLongAsTheEnvironmentRequires(String stack) {
        int minimum = stack.equals("production") ? 90 : 30;
        int days = single(cache(stack), LOG_GROUP).input("retentionInDays").asInt();
        assertTrue(days >= minimum, stack + " keeps the slow log " + days + " days, needs " + minimum);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void nodeCountFollowsTheConfiguredReplicas(String stack) {
        assertEquals(1 + settings(stack).replicas(), group(stack).input("numCacheClusters").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theSlowLogIsDeliveredToCloudWatchAsJson(String stack) {
        PlannedResource logGroup = single(cache(stack), LOG_GROUP);
        assertEquals(settings(stack).slowLogRetentionDays(), logGroup.input("retentionInDays").asInt());
        JsonNode deliveries = group(stack).input("logDeliveryConfigurations");
        assertEquals(1, deliveries.size());
        JsonNode slowLog = deliveries.get(0);
        assertEquals("slow-log", slowLog.path("logType").asText());
        assertEquals("json", slowLog.path("logFormat").asText());
        assertEquals("cloudwatch-logs", slowLog.path("destinationType").asText());
        assertEquals(logGroup.input("name").asText(), slowLog.path("destination").asText());
        assertTrue(group(stack).dependsOn(logGroup.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theSlowLogIsEncryptedWithTheCacheKeyWhichLogsMayUseForThatGroupOnly(String stack) throws Exception {
        PlannedResource logGroup = single(cache(stack), LOG_GROUP);
        PlannedResource key = single(cache(stack), KEY);
        assertEquals(group(stack).input("kmsKeyId").asText(), logGroup.input("kmsKeyId").asText());
        assertTrue(logGroup.dependsOn(key.urn()));

        JsonNode statements = new ObjectMapper().readTree(key.input("policy").asText()).path("Statement");
        JsonNode logs = null;
        for (JsonNode st : statements) {
            if (st.path("Principal").path("Service").asText().equals("logs.eu-west-1.amazonaws.com")) {
                logs = st;
            }
        }
        assertNotNull(logs, "CloudWatch Logs in the stack's region may use the key");
        String logGroupArn = "arn:aws:logs:eu-west-1:123456789012:log-group:" + logGroup.input("name").asText();
        assertTrue(logs.path("Condition").toString().contains("\"" + logGroupArn + "\""),
                "only for the slow-log group: " + logs.path("Condition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theEngineIsPinnedAndChangesWaitForTheMaintenanceWindow(String stack) {
        PlannedResource group = group(stack);
        CacheSettings s = settings(stack);
        assertEquals(s.engine().name().toLowerCase(Locale.ROOT), group.input("engine").asText());
        assertEquals(s.engineVersion(), group.input("engineVersion").asText());
        assertEquals(s.nodeType(), group.input("nodeType").asText());
        assertFalse(group.input("applyImmediately").asBoolean());
        assertTrue(group.input("autoMinorVersionUpgrade").isBoolean());
        assertEquals(s.snapshotRetentionDays(), group.input("snapshotRetentionLimit").asInt());
        assertEquals(s.snapshotWindow(), group.input("snapshotWindow").asText());
        assertEquals(s.maintenanceWindow(), group.input("maintenanceWindow").asText());
        assertFalse(group.input("description").asText().isBlank(), "ElastiCache requires a description");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theReplicationGroupIdFitsElastiCacheLimits(String stack) {
        String id = group(stack).input("replicationGroupId").asText();
        assertTrue(id.length() <= 40, id + " is longer than 40 characters");
        assertTrue(id.matches("[a-z][a-z0-9-]*") && !id.contains("--") && !id.endsWith("-"), id);
        assertTrue(id.contains(stack), "the id names its stack: " + id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void outputsLookLikeWhatElastiCacheHandsBack(String stack) {
        Plan plan = StackPlans.of(stack);
        assertTrue(plan.output("redisPrimaryEndpoint").asText().matches("master\\.[a-z0-9-]+\\.[a-z0-9]+\\.euw1\\.cache\\.amazonaws\\.com"),
                plan.output("redisPrimaryEndpoint").asText());
        assertTrue(plan.output("redisReaderEndpoint").asText().matches("replica\\.[a-z0-9-]+\\.[a-z0-9]+\\.euw1\\.cache\\.amazonaws\\.com"),
                plan.output("redisReaderEndpoint").asText());
        assertEquals(6379, plan.output("redisPort").asInt());
    }
}
