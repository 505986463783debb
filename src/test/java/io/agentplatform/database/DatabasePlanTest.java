package io.agentplatform.database;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import io.agentplatform.TestStacks;
import io.agentplatform.config.DatabaseSettings;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.agentplatform.PlanQueries.keyArnPattern;
import static io.agentplatform.PlanQueries.ofType;
import static io.agentplatform.PlanQueries.single;
import static io.agentplatform.PlanQueries.strings;
import static io.agentplatform.PlanQueries.underComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PostgreSQL of every committed stack, read from the offline plan of the real program. */
class DatabasePlanTest {
    static final String COMPONENT = "agent-platform:aws:Database";
    static final String INSTANCE = "aws:rds/instance:Instance";
    static final String KEY = "aws:kms/key:Key";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    static final String INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    static final String PARAMETER_GROUP = "aws:rds/parameterGroup:ParameterGroup";
    static final String SUBNET_GROUP = "aws:rds/subnetGroup:SubnetGroup";
    static final String ROLE = "aws:iam/role:Role";
    static final String ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

    private static List<PlannedResource> database(String stack) {
        return underComponent(StackPlans.of(stack), COMPONENT);
    }

    private static PlannedResource instance(String stack) {
        return single(database(stack), INSTANCE);
    }

    private static DatabaseSettings settings(String stack) {
        return StackPlans.config(stack).requireAws().database();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyExportedLogGoesToAPreCreatedEncryptedGroupWithTheConfiguredRetention(String stack) {
        PlannedResource db = instance(stack);
        List<PlannedResource> groups = database(stack).stream()
                .filter(r -> r.type().equals("aws:cloudwatch/logGroup:LogGroup")).toList();
        assertEquals(settings(stack).logExports().size(), groups.size());
        for (String export : settings(stack).logExports()) {
            PlannedResource group = groups.stream().filter(g -> g.input("name").asText()
                    .equals("/aws/rds/instance/" + db.input("identifier").asText() + "/" + export)).findFirst()
                    .orElseThrow(() -> new AssertionError("no log group for the " + export + " export"));
            assertEquals(settings(stack).logRetentionDays(), group.input("retentionInDays").asInt());
            assertEquals(db.input("kmsKeyId").asText(), group.input("kmsKeyId").asText());
            assertTrue(db.dependsOn(group.urn()), "RDS must find the group, not create its own without expiry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void storageIsEncryptedWithTheDatabasesOwnRotatingKey(String stack) {
        PlannedResource db = instance(stack);
        PlannedResource key = single(database(stack), KEY);

        assertTrue(db.input("storageEncrypted").asBoolean(), "storage must be encrypted");
        assertTrue(db.input("kmsKeyId").asText().matches(keyArnPattern(database(stack), "eu-west-1")),
                "storage must use the database's customer-managed key, not the AWS-managed one: " + db.input("kmsKeyId"));
        assertTrue(db.dependsOn(key.urn()));
        assertTrue(key.input("enableKeyRotation").asBoolean(), "the key must rotate");
        assertEquals(30, key.input("deletionWindowInDays").asInt(), "a deleted key stays recoverable for 30 days");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theMasterPasswordIsManagedByRdsAndNeverPassedByTheProgram(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource db = instance(stack);

        assertTrue(db.input("manageMasterUserPassword").asBoolean());
        assertTrue(db.input("password").isMissingNode(), "no password input at all");
        assertEquals(db.input("kmsKeyId").asText(), db.input("masterUserSecretKmsKeyId").asText(),
                "the master secret is encrypted with the database key");
        assertEquals(settings(stack).masterUsername(), db.input("username").asText());
        assertTrue(plan.output("databaseSecretArn").asText().startsWith("arn:aws:secretsmanager:eu-west-1:"),
                "the exported secret is an ARN: " + plan.output("databaseSecretArn"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void onlyTheClusterSecurityGroupMayConnectOnPort5432(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource db = instance(stack);
        PlannedResource sg = single(database(stack), SECURITY_GROUP);
        List<String> groups = strings(db.input("vpcSecurityGroupIds"));
        assertEquals(1, groups.size(), "the instance sits in one group: " + groups);
        assertTrue(db.dependsOn(sg.urn()), "that group is the database's own");
        String dbSg = groups.get(0);
        assertFalse(db.input("publiclyAccessible").asBoolean(), "no public address");
        assertTrue(sg.input("ingress").isMissingNode() || sg.input("ingress").isEmpty(), "no inline ingress rules");

        List<PlannedResource> rules = plan.ofType(INGRESS).stream()
                .filter(r -> r.input("securityGroupId").asText().equals(dbSg)).toList();
        assertEquals(1, rules.size(), "exactly one way in");
        PlannedResource rule = rules.get(0);
        assertEquals(plan.output("clusterSecurityGroupId").asText(), rule.input("referencedSecurityGroupId").asText(),
                "the cluster security group, which EKS attaches to every managed node");
        assertTrue(rule.dependsOn(sg.urn()));
        assertEquals("tcp", rule.input("ipProtocol").asText());
        assertEquals(5432, rule.input("fromPort").asInt());
        assertEquals(5432, rule.input("toPort").asInt());
        for (String cidr : List.of("cidrIpv4", "cidrIpv6", "prefixListId")) {
            assertTrue(rule.input(cidr).isMissingNode(), "the rule must not open " + cidr);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theInstanceLivesInTheIsolatedDatabaseSubnets(String stack) {
        Plan plan = StackPlans.of(stack);
        PlannedResource subnetGroup = single(database(stack), SUBNET_GROUP);
        assertEquals(strings(plan.output("databaseSubnetIds")), strings(subnetGroup.input("subnetIds")));
        assertTrue(instance(stack).dependsOn(subnetGroup.urn()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theParameterGroupForcesTlsAndLogsConnectionsAndSlowStatements(String stack) {
        PlannedResource group = single(database(stack), PARAMETER_GROUP);
        assertEquals("postgres" + settings(stack).engineVersion().split("\\.")[0], group.input("family").asText());
        assertEquals("1", parameter(group, "rds.force_ssl").path("value").asText(), "TLS is required");
        assertEquals("1", parameter(group, "log_connections").path("value").asText());
        assertEquals("1", parameter(group, "log_disconnections").path("value").asText());
        int slowMs = Integer.parseInt(parameter(group, "log_min_duration_statement").path("value").asText());
        assertTrue(slowMs > 0 && slowMs <= 5000, "slow statements are logged, not every statement: " + slowMs);
        for (JsonNode p : group.input("parameters")) {
            assertTrue(List.of("immediate", "pending-reboot").contains(p.path("applyMethod").asText()), p.toString());
        }
        assertTrue(instance(stack).dependsOn(group.urn()), "the instance uses the group");
    }

    private static JsonNode parameter(PlannedResource group, String name) {
        for (JsonNode p : group.input("parameters")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("parameter " + name + " is not set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theEngineIsPinnedAndChangesWaitForTheMaintenanceWindow(String stack) {
        PlannedResource db = instance(stack);
        DatabaseSettings s = settings(stack);
        assertEquals("postgres", db.input("engine").asText());
        assertEquals(s.engineVersion(), db.input("engineVersion").asText());
        assertFalse(db.input("allowMajorVersionUpgrade").asBoolean());
        assertFalse(db.input("applyImmediately").asBoolean());
        assertEquals("gp3", db.input("storageType").asText());
        assertEquals(s.allocatedStorageGiB(), db.input("allocatedStorage").asInt());
        assertEquals(s.maxAllocatedStorageGiB(), db.input("maxAllocatedStorage").asInt());
        assertEquals("rds-ca-rsa2048-g1", db.input("caCertIdentifier").asText());
        assertTrue(db.input("copyTagsToSnapshot").asBoolean());
        assertEquals(s.databaseName(), db.input("dbName").asText());
        assertEquals(s.logExports(), strings(db.input("enabledCloudwatchLogsExports")));
        assertEquals(s.backupWindow(), db.input("backupWindow").asText());
        assertEquals(s.maintenanceWindow(), db.input("maintenanceWindow").asText());
    }

    @Test
    void productionIsMultiAzProtectedAndKeepsAFinalSnapshot() {
        PlannedResource db = instance("production");
        PlannedResource key = single(database("production"), KEY);

        assertTrue(db.input("multiAz").asBoolean(), "standby in a second zone");
        assertTrue(db.options().protect(), "Pulumi refuses to delete the instance");
        assertTrue(key.options().protect(), "Pulumi refuses to delete the key");
        assertTrue(key.options().retainOnDelete(), "the key outlives the stack, so final snapshots stay readable");
        assertTrue(db.input("deletionProtection").asBoolean(), "RDS refuses to delete the instance");
        assertFalse(db.input("skipFinalSnapshot").asBoolean());
        String finalSnapshot = db.input("finalSnapshotIdentifier").asText();
        assertFalse(finalSnapshot.isBlank(), "a final snapshot is taken on deletion");
        assertFalse(finalSnapshot.matches(".*\\d{8,}.*"), "no timestamp in the snapshot name: " + finalSnapshot);
        assertFalse(db.input("deleteAutomatedBackups").asBoolean(), "automated backups survive a deletion");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void theKeyOutlivesTheStackExactlyWhenASnapshotOrBackupsDo(String stack) {
        PlannedResource db = instance(stack);
        PlannedResource key = single(database(stack), KEY);
        boolean dataOutlivesTheStack = !db.input("skipFinalSnapshot").asBoolean()
                || !db.input("deleteAutomatedBackups").asBoolean();
        assertEquals(dataOutlivesTheStack, key.options().retainOnDelete(),
                "a final snapshot or kept automated backups are unrestorable without their key");
    }

    @Test
    void stagingIsDestroyableButKeepsItsSnapshotAndItsKey() {
        PlannedResource db = instance("staging");
        PlannedResource key = single(database("staging"), KEY);
        assertFalse(db.options().protect(), "staging is not Pulumi-protected");
        assertFalse(db.input("skipFinalSnapshot").asBoolean(), "staging keeps a final snapshot");
        assertTrue(key.options().retainOnDelete(), "so its key is kept when the stack is destroyed");
        assertFalse(key.options().protect(), "retaining the key does not block pulumi destroy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void valuableDataIsBackedUpForAtLeastAWeekAndStandsByInASecondZone(String stack) {
        PlannedResource db = instance(stack);
        assertTrue(db.input("backupRetentionPeriod").asInt() >= 7, "backups: " + db.input("backupRetentionPeriod"));
        assertTrue(db.input("multiAz").asBoolean());
    }

    @Test
    void whenDevAsksForAStandbyThenTheInstanceIsMultiAzAndStillDestroyable() {
        PlannedResource db = single(underComponent(TestStacks.of("dev").with("database.multiAz", true).plan(), COMPONENT), INSTANCE);
        assertTrue(db.input("multiAz").asBoolean(), "the setting, not the environment, decides the standby");
        assertFalse(db.input("deletionProtection").asBoolean(), "dev stays destroyable");
        assertTrue(db.input("skipFinalSnapshot").asBoolean());
    }

    @Test
    void devIsDestroyableWithOneCommand() {
        Plan plan = StackPlans.of("dev");
        PlannedResource db = instance("dev");
        assertTrue(plan.resources().stream().noneMatch(r -> r.options().protect()), "nothing is protected in dev");
        assertTrue(plan.resources().stream().noneMatch(r -> r.options().retainOnDelete()), "nothing outlives dev");
        assertFalse(db.input("deletionProtection").asBoolean());
        assertTrue(db.input("skipFinalSnapshot").asBoolean());
        assertTrue(db.input("finalSnapshotIdentifier").isMissingNode());
        assertFalse(db.input("multiAz").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void identifiersFitRdsLimits(String stack) {
        PlannedResource db = instance(stack);
        String identifier = db.input("identifier").asText();
        assertRdsIdentifier(identifier);
        JsonNode finalSnapshot = db.input("finalSnapshotIdentifier");
        if (!finalSnapshot.isMissingNode()) {
            assertRdsIdentifier(finalSnapshot.asText());
        }
    }

    private static void assertRdsIdentifier(String id) {
        assertTrue(id.length() <= 63, id + " is longer than 63 characters");
        assertTrue(id.matches("[a-z][a-z0-9-]*") && !id.contains("--") && !id.endsWith("-"), id + " is no valid RDS identifier");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void enhancedMonitoringHasItsRoleExactlyWhenItIsOn(String stack) throws Exception {
        List<PlannedResource> resources = database(stack);
        PlannedResource db = instance(stack);
        int interval = settings(stack).monitoringIntervalSeconds();
        assertEquals(interval, db.input("monitoringInterval").asInt());
        if (interval == 0) {
            assertTrue(ofType(resources, ROLE).isEmpty(), "no monitoring role when monitoring is off");
            assertTrue(db.input("monitoringRoleArn").isMissingNode());
            return;
        }
        PlannedResource role = single(resources, ROLE);
        JsonNode trust = new ObjectMapper().readTree(role.input("assumeRolePolicy").asText()).path("Statement");
        assertEquals(1, trust.size(), "only RDS monitoring may assume the role");
        assertEquals("monitoring.rds.amazonaws.com", trust.get(0).path("Principal").path("Service").asText());
        assertEquals("sts:AssumeRole", trust.get(0).path("Action").asText());
        PlannedResource attachment = single(resources, ATTACHMENT);
        assertEquals("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole", attachment.input("policyArn").asText());
        assertTrue(db.input("monitoringRoleArn").asText().startsWith("arn:aws:iam::"));
        assertTrue(db.dependsOn(role.urn()));
        assertTrue(db.dependsOn(attachment.urn()), "monitoring starts only once the role has its permissions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void performanceInsightsAreEncryptedWithTheDatabaseKeyWhenOn(String stack) {
        PlannedResource db = instance(stack);
        boolean on = settings(stack).performanceInsights();
        assertEquals(on, db.input("performanceInsightsEnabled").asBoolean());
        if (on) {
            assertEquals(db.input("kmsKeyId").asText(), db.input("performanceInsightsKmsKeyId").asText(),
                    "Performance Insights use the database key");
            assertEquals(7, db.input("performanceInsightsRetentionPeriod").asInt(), "the free tier of retention");
        } else {
            assertTrue(db.input("performanceInsightsKmsKeyId").isMissingNode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void outputsLookLikeWhatRdsHandsBack(String stack) {
        Plan plan = StackPlans.of(stack);
        assertTrue(plan.output("databaseEndpoint").asText().matches("[a-z0-9-]+\\.[a-z0-9]+\\.eu-west-1\\.rds\\.amazonaws\\.com"),
                plan.output("databaseEndpoint").asText());
        assertEquals(5432, plan.output("databasePort").asInt());
        assertEquals(settings(stack).databaseName(), plan.output("databaseName").asText());
        assertTrue(plan.output("databaseSecretArn").asText().matches("arn:aws:secretsmanager:eu-west-1:\\d{12}:secret:.+"));
    }
}
