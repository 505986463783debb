package io.agentplatform.cache;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.inputs.ReplicationGroupLogDeliveryConfigurationArgs;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.vpc.SecurityGroupIngressRule;
import com.pulumi.aws.vpc.SecurityGroupIngressRuleArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.config.CacheSettings;
import io.agentplatform.core.KeyPolicies;
import io.agentplatform.core.Naming;
import io.agentplatform.core.NetworkPeer;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.workload.DataConnections;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** ElastiCache (Valkey or Redis) reachable only from the cluster. See the package documentation. */
public final class Cache extends PlatformComponent {
    public static final String TYPE = "agent-platform:aws:Cache";
    public static final int PORT = 6379;
    /** ElastiCache replication group ids allow at most 40 characters. */
    static final int MAX_REPLICATION_GROUP_ID = 40;
    /** Transit encryption is on and required: clients connect with TLS only (the connection says so). */
    static final boolean TLS = true;

    private final CacheOutputs outputs;
    private final DataConnections.Redis connection;

    public Cache(CacheArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "cache", platform, options);
        CacheSettings s = args.settings();

        String slowLogName = "/aws/elasticache/" + componentName() + "/slow-log";
        // One key for nodes, snapshots and the slow log; CloudWatch Logs may use it only for that log group.
        // Protected stacks keep the key even when the stack is destroyed: snapshots are unreadable without it.
        Key key = encryptionKey("kms", "Encrypts " + componentName() + " at rest: nodes, snapshots and slow log",
                Optional.of(KeyPolicies.forLogGroup(accountId(), Output.of(region()), slowLogName)), s.protect(), componentName());

        SubnetGroup subnets = new SubnetGroup(name("subnets"), SubnetGroupArgs.builder()
                .description("Private subnets of " + componentName())
                .subnetIds(args.network().privateSubnetIds())
                .tags(tags())
                .build(), child());

        SecurityGroup sg = securityGroup(args);
        LogGroup slowLog = new LogGroup(name("slow-log"), LogGroupArgs.builder()
                .name(slowLogName)
                .retentionInDays(s.slowLogRetentionDays())
                .kmsKeyId(key.arn())
                .tags(tags())
                .build(), child());

        // An explicit id keeps endpoint names short and readable; as ids must be unique, a replacement has to delete
        // the old group first (acceptable for a cache, and most changes here are in-place updates anyway).
        ReplicationGroup group = new ReplicationGroup(name("redis"), replicationGroupArgs(args, key, subnets, sg, slowLog),
                childBuilder().protect(s.protect()).deleteBeforeReplace(true).build());

        this.outputs = new CacheOutputs(group.primaryEndpointAddress(), group.readerEndpointAddress(),
                group.port().applyValue(p -> p.orElse(PORT)), sg.id());
        this.connection = new DataConnections.Redis(outputs.primaryEndpoint(), outputs.port(), TLS,
                args.authToken().output(), NetworkPeer.Addresses.of(args.network().privateSubnetCidrs()));
        registerOutputs(Map.of(
                "primaryEndpoint", outputs.primaryEndpoint(),
                "readerEndpoint", outputs.readerEndpoint(),
                "port", outputs.port(),
                "securityGroupId", outputs.securityGroupId()));
    }

    /** No rules inline and no egress: the only way in is the ingress rule, and the cache never dials out. */
    private SecurityGroup securityGroup(CacheArgs args) {
        SecurityGroup sg = new SecurityGroup(name("sg"), SecurityGroupArgs.builder()
                .vpcId(args.network().vpcId())
                // Engine-neutral: a security group's description cannot change without replacing it.
                .description("Cache of " + componentName() + ", from the cluster only")
                .tags(tags("sg"))
                .build(), child());
        new SecurityGroupIngressRule(name("redis-from-cluster"), SecurityGroupIngressRuleArgs.builder()
                .securityGroupId(sg.id())
                .referencedSecurityGroupId(args.clientSecurityGroupId())
                .ipProtocol("tcp").fromPort(PORT).toPort(PORT)
                .description("Redis protocol from the cluster security group")
                .tags(tags())
                .build(), child());
        return sg;
    }

    private ReplicationGroupArgs replicationGroupArgs(CacheArgs args, Key key, SubnetGroup subnets, SecurityGroup sg,
                                                      LogGroup slowLog) {
        CacheSettings s = args.settings();
        boolean ha = s.highlyAvailable();
        return ReplicationGroupArgs.builder()
                .replicationGroupId(Naming.fit(componentName(), MAX_REPLICATION_GROUP_ID))
                .description("Cache of " + componentName())
                .engine(s.engine().name().toLowerCase(Locale.ROOT))
                .engineVersion(s.engineVersion())
                .nodeType(s.nodeType())
                .port(PORT)
                .numCacheClusters(1 + s.replicas())
                // Failover and Multi-AZ need a replica to promote.
                .automaticFailoverEnabled(ha)
                .multiAzEnabled(ha)
                .subnetGroupName(subnets.name())
                .securityGroupIds(sg.id().applyValue(List::of))
                .atRestEncryptionEnabled(true)
                .kmsKeyId(key.arn())
                .transitEncryptionEnabled(TLS)
                .transitEncryptionMode("required")
                .authToken(args.authToken().output())
                // ROTATE changes the token in place; without a strategy a new token would replace the group.
                .authTokenUpdateStrategy("ROTATE")
                .snapshotRetentionLimit(s.snapshotRetentionDays())
                .snapshotWindow(s.snapshotWindow())
                .maintenanceWindow(s.maintenanceWindow())
                .autoMinorVersionUpgrade(true)
                .applyImmediately(false)
                .logDeliveryConfigurations(ReplicationGroupLogDeliveryConfigurationArgs.builder()
                        .logType("slow-log")
                        .logFormat("json")
                        .destinationType("cloudwatch-logs")
                        .destination(slowLog.name())
                        .build())
                .tags(tags())
                .build();
    }

    public CacheOutputs outputs() {
        return outputs;
    }

    /**
     * How clients reach this cache: the primary endpoint with TLS (transit encryption is required), the AUTH token,
     * and the private subnets the nodes live in as the network peer.
     */
    public DataConnections.Redis connection() {
        return connection;
    }
}
