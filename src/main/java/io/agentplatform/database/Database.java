package io.agentplatform.database;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.rds.Instance;
import com.pulumi.aws.rds.InstanceArgs;
import com.pulumi.aws.rds.ParameterGroup;
import com.pulumi.aws.rds.ParameterGroupArgs;
import com.pulumi.aws.rds.SubnetGroup;
import com.pulumi.aws.rds.SubnetGroupArgs;
import com.pulumi.aws.rds.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.rds.outputs.InstanceMasterUserSecret;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.Resource;
import io.agentplatform.config.DatabaseSettings;
import io.agentplatform.core.KeyPolicies;
import io.agentplatform.core.Naming;
import io.agentplatform.core.NetworkPeer;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.PolicyDocument;
import io.agentplatform.workload.DataConnections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** RDS PostgreSQL reachable only from the cluster. See the package documentation. */
public final class Database extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:Database";
    public static final int PORT = 5432;
    /** RDS identifiers and snapshot identifiers allow at most 63 characters. */
    static final int MAX_IDENTIFIER = 63;
    static final String FINAL_SNAPSHOT_SUFFIX = "-final";
    static final String CA_CERTIFICATE = "rds-ca-rsa2048-g1";
    static final String MONITORING_POLICY_ARN = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";
    /** Statements slower than this are logged, in milliseconds. */
    static final int SLOW_STATEMENT_MS = 500;
    /** The parameter group forces TLS ({@code rds.force_ssl}): clients connect with TLS only (the connection says so). */
    static final boolean TLS = true;

    private final DatabaseOutputs outputs;
    private final DataConnections.Database connection;

    public Database(DatabaseArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "database", platform, options);
        DatabaseSettings s = args.settings();

        // An explicit identifier keeps the endpoint name readable and makes the final snapshot name deterministic
        // (no timestamps: the plan is identical on every run). Leaving room for the suffix keeps both within 63.
        String identifier = Naming.fit(name("postgres"), MAX_IDENTIFIER - FINAL_SNAPSHOT_SUFFIX.length());
        String logGroupPrefix = "/aws/rds/instance/" + identifier + "/";

        // Wherever a final snapshot or automated backups outlive the stack, so does the key: they are unreadable
        // without it. CloudWatch Logs may use it only for this instance's exported logs.
        Key key = encryptionKey("kms", "Encrypts " + componentName() + ": storage, master secret, Performance Insights, logs",
                Optional.of(KeyPolicies.forLogGroupsUnder(accountId(), Output.of(region()), logGroupPrefix)), s.protect(),
                s.protect() || s.backupsOutliveInstance(), componentName());
        List<Resource> instanceDependsOn = new ArrayList<>(logGroups(s, logGroupPrefix, key));

        SubnetGroup subnets = new SubnetGroup(name("subnets"), SubnetGroupArgs.builder()
                .description("Isolated database subnets of " + componentName())
                .subnetIds(args.network().databaseSubnetIds())
                .tags(tags())
                .build(), child());

        SecurityGroup sg = securityGroup(args);
        ParameterGroup parameters = parameterGroup(s);
        Optional<Output<String>> monitoringRoleArn = s.monitoringIntervalSeconds() > 0
                ? Optional.of(monitoringRole(instanceDependsOn))
                : Optional.empty();

        InstanceArgs.Builder instance = instanceArgs(s, identifier, key, subnets, sg, parameters);
        monitoringRoleArn.ifPresent(instance::monitoringRoleArn);
        Instance db = new Instance(name("postgres"), instance.build(),
                childBuilder().protect(s.protect()).dependsOn(instanceDependsOn).build());

        this.outputs = new DatabaseOutputs(db.address(), db.port(), s.databaseName(),
                db.masterUserSecrets().applyValue(Database::secretArn), sg.id(), key.arn(), db.resourceId());
        this.connection = new DataConnections.Database(
                new DataConnections.SecretsManager(outputs.masterSecretArn(), outputs.kmsKeyArn()), s.masterUsername(),
                new DataConnections.IamLogin(outputs.resourceId(), args.network().stsRoute(), region()),
                outputs.address(), outputs.port(), TLS, outputs.databaseName(),
                NetworkPeer.Addresses.of(args.network().databaseSubnetCidrs()));
        registerOutputs(Map.of(
                "address", outputs.address(),
                "port", outputs.port(),
                "databaseName", Output.of(outputs.databaseName()),
                "masterSecretArn", outputs.masterSecretArn(),
                "securityGroupId", outputs.securityGroupId(),
                "kmsKeyArn", outputs.kmsKeyArn()));
    }

    /** Created before the instance so RDS writes into groups with our retention and key, not its own that never expire. */
    private List<Resource> logGroups(DatabaseSettings s, String logGroupPrefix, Key key) {
        List<Resource> logGroups = new ArrayList<>();
        for (String export : s.logExports()) {
            logGroups.add(new LogGroup(name("log-" + export), LogGroupArgs.builder()
                    .name(logGroupPrefix + export)
                    .retentionInDays(s.logRetentionDays())
                    .kmsKeyId(key.arn())
                    .tags(tags())
                    .build(), child()));
        }
        return logGroups;
    }

    /** No rules inline and no egress: the only way in is the ingress rule, and RDS never dials out. */
    private SecurityGroup securityGroup(DatabaseArgs args) {
        SecurityGroup sg = new SecurityGroup(name("sg"), SecurityGroupArgs.builder()
                .vpcId(args.network().vpcId())
                .description("PostgreSQL of " + componentName() + ", from the cluster only")
                .tags(tags("sg"))
                .build(), child());
        new SecurityGroupIngressRule(name("postgres-from-cluster"), SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(sg.id())
                .referencedSecurityGroupId(args.clientSecurityGroupId())
                .ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .description("PostgreSQL from the cluster security group")
                .tags(tags())
                .build(), child());
        return sg;
    }

    private ParameterGroup parameterGroup(DatabaseSettings s) {
        return new ParameterGroup(name("params"), ParameterGroupArgs.builder()
                .family("postgres" + s.majorVersion())
                .description("TLS only, connection and slow-statement logging")
                .parameters(
                        // pending-reboot is accepted for static and dynamic parameters alike; the group is attached at
                        // creation, so TLS is enforced from the first boot either way.
                        parameter("rds.force_ssl", TLS ? "1" : "0", "pending-reboot"),
                        parameter("log_min_duration_statement", String.valueOf(SLOW_STATEMENT_MS), "immediate"),
                        parameter("log_connections", "1", "immediate"),
                        parameter("log_disconnections", "1", "immediate"))
                .tags(tags())
                .build(), child());
    }

    /** The enhanced-monitoring role; the instance waits for its policy (added to {@code instanceDependsOn}). */
    private Output<String> monitoringRole(List<Resource> instanceDependsOn) {
        Role role = new Role(name("monitoring-role", ROLE), RoleArgs.builder()
                .path(iamPath())
                .description("Lets RDS publish enhanced monitoring of " + componentName())
                .assumeRolePolicy(PolicyDocument.create().trustService("monitoring.rds.amazonaws.com").toJson())
                .tags(tags())
                .build(), childBuilder("monitoring-role", ROLE).build());
        // RDS checks the role's permissions when monitoring starts.
        instanceDependsOn.add(new RolePolicyAttachment(name("monitoring-policy"), RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(MONITORING_POLICY_ARN)
                .build(), child()));
        return role.arn();
    }

    private InstanceArgs.Builder instanceArgs(DatabaseSettings s, String identifier, Key key, SubnetGroup subnets,
                                              SecurityGroup sg, ParameterGroup parameters) {
        InstanceArgs.Builder instance = InstanceArgs.builder()
                .identifier(identifier)
                .engine("postgres")
                .engineVersion(s.engineVersion())
                .allowMajorVersionUpgrade(false)
                .autoMinorVersionUpgrade(s.autoMinorVersionUpgrade())
                .instanceClass(s.instanceClass())
                .storageType("gp3")
                .allocatedStorage(s.allocatedStorageGiB())
                .maxAllocatedStorage(s.maxAllocatedStorageGiB())
                .storageEncrypted(true)
                .kmsKeyId(key.arn())
                .dbName(s.databaseName())
                .username(s.masterUsername())
                // RDS generates the password and keeps it in Secrets Manager, encrypted with our key.
                .manageMasterUserPassword(true)
                // The agent logs in as its own role with IAM tokens (rds-db:connect), never as the master user.
                .iamDatabaseAuthenticationEnabled(true)
                .masterUserSecretKmsKeyId(key.arn())
                .port(PORT)
                .dbSubnetGroupName(subnets.name())
                .vpcSecurityGroupIds(sg.id().applyValue(List::of))
                .publiclyAccessible(false)
                .parameterGroupName(parameters.name())
                .caCertIdentifier(CA_CERTIFICATE)
                .multiAz(s.multiAz())
                .backupRetentionPeriod(s.backupRetentionDays())
                .backupWindow(s.backupWindow())
                .maintenanceWindow(s.maintenanceWindow())
                .copyTagsToSnapshot(true)
                .enabledCloudwatchLogsExports(s.logExports())
                .performanceInsightsEnabled(s.performanceInsights())
                .monitoringInterval(s.monitoringIntervalSeconds())
                .deletionProtection(s.deletionProtection())
                .skipFinalSnapshot(s.skipFinalSnapshot())
                // Where a final snapshot is kept, the automated backups are kept as well.
                .deleteAutomatedBackups(s.deleteAutomatedBackups())
                // Changes wait for the maintenance window instead of restarting the database mid-day.
                .applyImmediately(false)
                .tags(tags());
        if (s.performanceInsights()) {
            instance.performanceInsightsKmsKeyId(key.arn()).performanceInsightsRetentionPeriod(7);
        }
        if (!s.skipFinalSnapshot()) {
            instance.finalSnapshotIdentifier(identifier + FINAL_SNAPSHOT_SUFFIX);
        }
        return instance;
    }

    public DatabaseOutputs outputs() {
        return outputs;
    }

    /**
     * How clients reach this database: TLS (the parameter group forces it), the owner's password in the
     * RDS-managed secret, the application role by IAM token (reaching STS the network's way), and the database
     * subnets as the network peer.
     */
    public DataConnections.Database connection() {
        return connection;
    }

    private static ParameterGroupParameterArgs parameter(String name, String value, String applyMethod) {
        return ParameterGroupParameterArgs.builder().name(name).value(value).applyMethod(applyMethod).build();
    }

    /** The ARN of the secret RDS manages for the master user; only the ARN ever leaves the component. */
    private static String secretArn(List<InstanceMasterUserSecret> secrets) {
        return secrets.stream().findFirst().flatMap(InstanceMasterUserSecret::secretArn)
                .orElseThrow(() -> new IllegalStateException("RDS reported no managed master user secret"));
    }
}
