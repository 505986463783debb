package io.agentplatform;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import io.agentplatform.cluster.ClusterServices;
import io.agentplatform.cluster.ClusterServicesArgs;
import io.agentplatform.cluster.EksCluster;
import io.agentplatform.cluster.EksClusterArgs;
import io.agentplatform.config.AwsSettings;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.SecretValue;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.cache.Cache;
import io.agentplatform.cache.CacheArgs;
import io.agentplatform.database.Database;
import io.agentplatform.database.DatabaseArgs;
import io.agentplatform.monitoring.Monitoring;
import io.agentplatform.monitoring.MonitoringArgs;
import io.agentplatform.network.Network;
import io.agentplatform.network.NetworkArgs;
import io.agentplatform.nodegroups.NodeGroups;
import io.agentplatform.nodegroups.NodeGroupsArgs;
import io.agentplatform.workload.AgentWorkload;
import io.agentplatform.workload.AgentWorkloadArgs;
import io.agentplatform.workload.DataConnections;

import java.util.Map;
import java.util.Optional;

/**
 * The composition root: config → network → cluster → data → monitoring → workload → exports. It decides nothing
 * per environment; the differences are in the validated config it is given.
 */
public final class Platform {
    private Platform() {}

    public static void define(Context ctx, PlatformConfig config) {
        Naming naming = new Naming(config.project(), config.stack());
        PlatformContext platform = new PlatformContext(naming,
                new Tags(config.project(), config.environment().configName(), config.owner(), config.extraTags()));
        config.warnings().forEach(w -> ctx.log().warn(w));

        AwsSettings aws = config.requireAws();
        Provider awsProvider = new Provider(naming.of("aws", "provider"), ProviderArgs.builder()
                .region(aws.region())
                .build(), CustomResourceOptions.builder().build());
        ComponentResourceOptions onAws = ComponentResourceOptions.builder().providers(awsProvider).build();

        String clusterName = naming.component("eks");
        Network network = new Network(new NetworkArgs(aws.network(), aws.region(), clusterName), platform, onAws);
        EksCluster cluster = new EksCluster(new EksClusterArgs(aws.cluster(), clusterName, aws.region(), network.outputs()),
                platform, onAws);
        NodeGroups nodes = new NodeGroups(new NodeGroupsArgs(aws.nodeGroups(), cluster.outputs().clusterName(),
                network.outputs().privateSubnetIds()), platform, onAws);
        ComponentResourceOptions onCluster = ComponentResourceOptions.builder()
                .providers(awsProvider, cluster.outputs().kubernetesProvider()).build();
        ClusterServices services = new ClusterServices(new ClusterServicesArgs(cluster.outputs().clusterName(), aws.region(),
                network.outputs().vpcId(), aws.cluster().addonVersions(), cluster.outputs().irsa(),
                nodes.outputs().nodeGroups()), platform, onCluster);

        // Data services admit only the cluster security group, which EKS attaches to every managed node.
        Output<String> clusterSg = cluster.outputs().clusterSecurityGroupId();
        Database database = new Database(new DatabaseArgs(aws.database(), network.outputs(), clusterSg), platform, onAws);
        Cache cache = new Cache(new CacheArgs(aws.cache(), network.outputs(), clusterSg,
                config.secrets().redisAuthToken().orElseThrow()), platform, onAws);

        Monitoring monitoring = new Monitoring(new MonitoringArgs(config.monitoring(), config.alerting(), config.secrets(),
                services.outputs().storageClassName(), Optional.of(cluster.outputs().irsa()), services.outputs().ready()),
                platform, onCluster);

        // The agent workload: typed Kubernetes resources, its IRSA role, and its ServiceMonitor and alert rules.
        DataConnections data = new DataConnections(
                new DataConnections.Database(new DataConnections.SecretsManager(database.outputs().masterSecretArn(),
                        database.outputs().kmsKeyArn()), aws.database().masterUsername(), database.outputs().address(),
                        database.outputs().port(), database.outputs().databaseName(), aws.network().databaseSubnetCidrs()),
                new DataConnections.Redis(cache.outputs().primaryEndpoint(), cache.outputs().port(), true,
                        config.secrets().redisAuthToken().orElseThrow().output(), aws.network().privateSubnetCidrs()));
        AgentWorkload agent = new AgentWorkload(new AgentWorkloadArgs(config.agent(), "agent", data,
                config.secrets().llmApiKey().map(SecretValue::output), Optional.of(cluster.outputs().irsa()),
                aws.network().vpcCidr(), aws.network().publicSubnetCidrs(), workloadNodeSelector(aws),
                services.outputs().ready(), Optional.of(monitoring.crdsReady()), Map.of()), platform, onCluster);

        Exports.contract(ctx);
        Exports.network(ctx, network.outputs());
        Exports.cluster(ctx, cluster.outputs(), nodes.outputs());
        Exports.data(ctx, database.outputs(), cache.outputs());
        Exports.monitoring(ctx, monitoring.outputs());
        Exports.workload(ctx, agent.outputs());
    }

    /** The agent runs on the node group labelled {@code node-role: workloads}, when the stack has one. */
    private static Map<String, String> workloadNodeSelector(AwsSettings aws) {
        return aws.nodeGroups().values().stream()
                .filter(g -> "workloads".equals(g.labels().get("node-role")))
                .findFirst()
                .map(g -> Map.of("node-role", "workloads"))
                .orElse(Map.of());
    }
}
