package io.agentplatform;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.StackReference;
import com.pulumi.resources.StackReferenceArgs;
import io.agentplatform.cache.Cache;
import io.agentplatform.cache.CacheArgs;
import io.agentplatform.cluster.ClusterCiAccess;
import io.agentplatform.cluster.ClusterCiAccessArgs;
import io.agentplatform.cluster.ClusterServices;
import io.agentplatform.cluster.ClusterServicesArgs;
import io.agentplatform.cluster.EksCluster;
import io.agentplatform.cluster.EksClusterArgs;
import io.agentplatform.config.AwsSettings;
import io.agentplatform.config.ClusterTargetSettings;
import io.agentplatform.config.KarpenterSettings;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.SecretValue;
import io.agentplatform.contract.OutputContract;
import io.agentplatform.core.Naming;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.core.Tags;
import io.agentplatform.core.k8s.KubernetesProviderPlugin;
import io.agentplatform.backup.Backup;
import io.agentplatform.backup.BackupArgs;
import io.agentplatform.backup.Velero;
import io.agentplatform.backup.VeleroArgs;
import io.agentplatform.database.Database;
import io.agentplatform.database.DatabaseArgs;
import io.agentplatform.delivery.ArgoRollouts;
import io.agentplatform.delivery.ArgoRolloutsArgs;
import io.agentplatform.incluster.InClusterData;
import io.agentplatform.incluster.InClusterDataArgs;
import io.agentplatform.karpenter.Karpenter;
import io.agentplatform.karpenter.KarpenterArgs;
import io.agentplatform.monitoring.Monitoring;
import io.agentplatform.monitoring.MonitoringArgs;
import io.agentplatform.network.Network;
import io.agentplatform.network.NetworkArgs;
import io.agentplatform.nodegroups.NodeGroups;
import io.agentplatform.nodegroups.NodeGroupsArgs;
import io.agentplatform.workload.AgentWorkload;
import io.agentplatform.workload.AgentWorkloadArgs;
import io.agentplatform.workload.DataConnections;
import io.agentplatform.workload.DeliveryController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: config → network → cluster → data → monitoring → workload → exports. The three profiles
 * build different architectures (a platform stack, an ephemeral stack on a platform's cluster, a local stack);
 * within a profile nothing is decided per environment: the differences are in the validated config it is given.
 * Components provide their own wiring (outputs, {@code connection()} views, selectors); this class only connects them.
 */
public final class Platform {
    /** What an ephemeral stack needs from the platform stack it deploys onto (a subset of the output contract). */
    static final List<String> EPHEMERAL_NEEDS = List.of("contractVersion", "clusterName", "kubeconfig");
    /** Label carrying an ephemeral stack's expiry on its namespace and in-cluster data objects. */
    static final String EXPIRES_AT_LABEL = "agent-platform.io/expires-at";
    /** The in-cluster PostgreSQL's database and its owner (the superuser, used only by the migration Job). */
    static final String IN_CLUSTER_DATABASE = "agent";
    static final String IN_CLUSTER_OWNER = "agent";

    private Platform() {}

    public static void define(Context ctx, PlatformConfig config) {
        Naming naming = new Naming(config.project(), config.stack());
        PlatformContext platform = new PlatformContext(naming,
                new Tags(config.project(), config.environment().configName(), config.owner(), config.extraTags()),
                config.aws().map(AwsSettings::region));
        config.warnings().forEach(w -> ctx.log().warn(w));
        switch (config.environment()) {
            case DEV, STAGING, PRODUCTION -> platformStack(ctx, config, naming, platform);
            case EPHEMERAL -> ephemeralStack(ctx, config, naming, platform);
            case LOCAL -> localStack(ctx, config, naming, platform);
        }
    }

    /** dev, staging, production: the whole AWS platform and the agent on it. */
    private static void platformStack(Context ctx, PlatformConfig config, Naming naming, PlatformContext platform) {
        AwsSettings aws = config.requireAws();
        Provider awsProvider = new Provider(naming.of("aws", "provider"), ProviderArgs.builder()
                .region(aws.region())
                .build(), CustomResourceOptions.builder().build());
        ComponentResourceOptions onAws = ComponentResourceOptions.builder().providers(awsProvider).build();

        String clusterName = naming.component("eks");
        Network network = new Network(new NetworkArgs(aws.network(), clusterName), platform, onAws);
        EksCluster cluster = new EksCluster(new EksClusterArgs(aws.cluster(), clusterName, network.outputs()),
                platform, onAws);
        NodeGroups nodes = new NodeGroups(new NodeGroupsArgs(aws.nodeGroups(), cluster.outputs().clusterName(),
                network.outputs().privateSubnetIds(), aws.cluster().kubernetesVersion()), platform, onAws);
        ComponentResourceOptions onCluster = ComponentResourceOptions.builder()
                .providers(awsProvider, cluster.outputs().kubernetesProvider()).build();
        new ClusterCiAccess(new ClusterCiAccessArgs(aws.cluster().ciAccess(), cluster.outputs().clusterName(),
                cluster.outputs().clusterSecurityGroupId()), platform, onCluster);
        ClusterServices services = new ClusterServices(new ClusterServicesArgs(cluster.outputs().clusterName(),
                network.outputs().vpcId(), aws.cluster().addonVersions(), cluster.outputs().irsa(),
                nodes.outputs().nodeGroups()), platform, onCluster);
        // The agent and the monitoring stack wait for Karpenter's pools and run on the workloads pool.
        Karpenter karpenter = karpenter(aws, clusterName, cluster, services, platform, onCluster);
        Map<String, String> onWorkloads = karpenter.outputs().selector(KarpenterSettings.WORKLOADS);
        List<Resource> workloadPodsCanRun = plus(services.outputs().podsCanRun(), karpenter.outputs().nodePools());
        List<Resource> applicationsReady = plus(services.outputs().applicationsReady(), karpenter.outputs().nodePools());

        // Data services admit only the cluster security group, which EKS attaches to every managed node.
        Output<String> clusterSg = cluster.outputs().clusterSecurityGroupId();
        Database database = new Database(new DatabaseArgs(aws.database(), network.outputs(), clusterSg), platform, onAws);
        Cache cache = new Cache(new CacheArgs(aws.cache(), network.outputs(), clusterSg,
                config.secrets().redisAuthToken()), platform, onAws);

        // A platform stack always deploys monitoring (the binder refuses monitoring.enabled: false outside local).
        Optional<Monitoring> monitoring = config.monitoring().map(m -> new Monitoring(MonitoringArgs.of(m,
                services.outputs().storageClassName(), Optional.of(cluster.outputs().irsa()),
                workloadPodsCanRun, List.of(services.outputs().storageClass()), onWorkloads), platform, onCluster));

        // Progressive delivery: the agent's Rollout waits for the controller's CRDs, its analysis queries Prometheus.
        Optional<DeliveryController> delivery = monitoring.map(m -> progressiveDelivery(m, services, platform, onCluster));
        backups(aws, platform, onAws, onCluster, cluster, services, database, monitoring);

        // The agent reaches its data as the data services say (connection()); it runs on the workloads pool, takes
        // load-balancer traffic from the public subnets and keeps its model egress off the VPC's own range.
        AgentWorkload agent = new AgentWorkload(AgentWorkloadArgs.builder()
                .settings(config.agent()).namespace("agent")
                .data(new DataConnections(database.connection(), cache.connection()))
                .llmApiKey(llmApiKey(config))
                .irsa(cluster.outputs().irsa())
                .vpcCidr(network.outputs().vpcCidr())
                .ingressSourceCidrs(network.outputs().publicSubnetCidrs())
                .nodeSelector(onWorkloads)
                .clusterReady(applicationsReady)
                .monitoringCrdsReady(monitoring.map(Monitoring::crdsReady))
                .externalSecretsReady(services.outputs().externalSecretsReady())
                .delivery(delivery)
                .build(), platform, onCluster);

        exportPlatform(ctx, network, cluster, nodes, database, cache, monitoring);
        Exports.workload(ctx, agent.outputs(), config.agent().image());
    }

    /** The platform stack's output contract (docs/outputs.md) apart from the workload's outputs. */
    private static void exportPlatform(Context ctx, Network network, EksCluster cluster, NodeGroups nodes,
                                       Database database, Cache cache, Optional<Monitoring> monitoring) {
        Exports.contract(ctx);
        Exports.network(ctx, network.outputs());
        Exports.cluster(ctx, cluster.outputs(), nodes.outputs());
        Exports.data(ctx, database.outputs(), cache.outputs());
        monitoring.ifPresent(m -> Exports.monitoring(ctx, m.outputs()));
    }

    /** Cluster state to Velero's own bucket; AWS Backup then takes every stateful resource, that bucket included. */
    private static void backups(AwsSettings aws, PlatformContext platform, ComponentResourceOptions onAws,
                                ComponentResourceOptions onCluster, EksCluster cluster, ClusterServices services,
                                Database database, Optional<Monitoring> monitoring) {
        List<Output<String>> stateful = new ArrayList<>(List.of(database.outputs().arn()));
        if (aws.velero().enabled()) {
            Velero velero = new Velero(new VeleroArgs(aws.velero(), aws.backup().keepRecoveryPoints(),
                    aws.backup().protect(), cluster.outputs().irsa(), services.outputs().podsCanRun()),
                    platform, onCluster);
            stateful.add(velero.bucketArn());
        }
        monitoring.flatMap(Monitoring::logBucketArn).ifPresent(stateful::add);
        new Backup(new BackupArgs(aws.backup(), stateful), platform, onAws);
    }

    /**
     * pr-&lt;n&gt;: only the agent, with its own in-cluster PostgreSQL and Valkey, in its own namespace on the cluster of
     * the platform stack it references. No AWS network, cluster or managed database.
     */
    private static void ephemeralStack(Context ctx, PlatformConfig config, Naming naming, PlatformContext platform) {
        ClusterTargetSettings target = config.requireTarget();
        String reference = target.platformStack().orElseThrow();
        StackReference platformStack = new StackReference(naming.of("platform", "reference"),
                StackReferenceArgs.builder().name(reference).build(), CustomResourceOptions.builder().build());
        // Check the whole contract this stack relies on first, so a missing output is named with its stack.
        Output<String> kubeconfig = platformStack.outputs()
                .applyValue(outputs -> {
                    OutputContract.requireOutputs(reference, outputs, EPHEMERAL_NEEDS);
                    return String.valueOf(outputs.get("kubeconfig"));
                })
                .asSecret();
        com.pulumi.kubernetes.Provider k8s = new com.pulumi.kubernetes.Provider(naming.of("k8s", "provider"),
                com.pulumi.kubernetes.ProviderArgs.builder().kubeconfig(kubeconfig).enableServerSideApply(true).build(),
                CustomResourceOptions.builder().version(KubernetesProviderPlugin.VERSION).build());
        Map<String, String> expiry = target.expiresAtLabel().map(e -> Map.of(EXPIRES_AT_LABEL, e)).orElse(Map.of());
        agentWithInClusterData(ctx, config, platform, ComponentResourceOptions.builder().providers(k8s).build(),
                "agent-" + config.stack(), expiry, Optional.empty());
    }

    /** local: the monitoring stack and the agent with in-cluster data, on the current kubeconfig's cluster (kind, minikube). */
    private static void localStack(Context ctx, PlatformConfig config, Naming naming, PlatformContext platform) {
        ClusterTargetSettings target = config.requireTarget();
        // No kubeconfig given: the provider uses the current context, as kubectl does.
        com.pulumi.kubernetes.Provider k8s = new com.pulumi.kubernetes.Provider(naming.of("k8s", "provider"),
                com.pulumi.kubernetes.ProviderArgs.builder().enableServerSideApply(true).build(),
                CustomResourceOptions.builder().version(KubernetesProviderPlugin.VERSION).build());
        ComponentResourceOptions onCluster = ComponentResourceOptions.builder().providers(k8s).build();
        if (config.monitoring().isEmpty()) {
            ctx.log().warn("monitoring.enabled is false: no monitoring stack (its Helm charts come from remote "
                    + "repositories), and no ServiceMonitor or PrometheusRule for the agent (their CRDs come with it)");
        }
        Optional<Monitoring> monitoring = config.monitoring().map(m -> new Monitoring(MonitoringArgs.of(m,
                target.storageClassName(), Optional.empty(), List.of(), List.of()), platform, onCluster));
        monitoring.ifPresent(m -> Exports.monitoring(ctx, m.outputs()));
        agentWithInClusterData(ctx, config, platform, onCluster, "agent", Map.of(),
                monitoring.map(Monitoring::crdsReady));
    }

    /** The agent and the in-cluster PostgreSQL and Valkey it uses instead of RDS and ElastiCache. */
    private static void agentWithInClusterData(Context ctx, PlatformConfig config, PlatformContext platform,
                                               ComponentResourceOptions onCluster, String namespace,
                                               Map<String, String> extraLabels, Optional<Resource> monitoringCrdsReady) {
        ClusterTargetSettings target = config.requireTarget();
        InClusterDataArgs data = new InClusterDataArgs(namespace, extraLabels, target.postgresImage(),
                target.redisImage(), IN_CLUSTER_DATABASE, IN_CLUSTER_OWNER, target.databasePassword(),
                config.secrets().redisAuthToken());
        // The services' names are fixed, so the agent gets their connection before they exist (they admit its pods).
        AgentWorkload agent = new AgentWorkload(AgentWorkloadArgs.builder()
                .settings(config.agent()).namespace(namespace)
                .data(InClusterData.connection(data))
                .llmApiKey(llmApiKey(config))
                .monitoringCrdsReady(monitoringCrdsReady)
                .namespaceLabels(extraLabels)
                .build(), platform, onCluster);
        // The data services need only the namespace; the migration Job retries until PostgreSQL is up.
        new InClusterData(data, new InClusterData.Clients(agent.podLabels(), agent.migrationPodLabels(),
                List.of(agent.namespace())), platform, onCluster);
        Exports.workload(ctx, agent.outputs(), config.agent().image());
    }

    /** The Argo Rollouts controller (after the nodes and the Prometheus Operator CRDs) and where analysis queries go. */
    private static DeliveryController progressiveDelivery(Monitoring monitoring, ClusterServices services,
                                                          PlatformContext platform, ComponentResourceOptions onCluster) {
        ArgoRollouts rollouts = new ArgoRollouts(new ArgoRolloutsArgs(services.outputs().podsCanRun(),
                monitoring.crdsReady()), platform, onCluster);
        return new DeliveryController(rollouts.crdsReady(), "http://" + monitoring.outputs().prometheusService());
    }

    private static Optional<Output<String>> llmApiKey(PlatformConfig config) {
        return config.secrets().llmApiKey().map(SecretValue::output);
    }

    /** Its controller waits for the system nodes, the CNI and kube-proxy (not CoreDNS: it uses the VPC resolver). */
    private static Karpenter karpenter(AwsSettings aws, String clusterName, EksCluster cluster, ClusterServices services,
                                       PlatformContext platform, ComponentResourceOptions onCluster) {
        return new Karpenter(new KarpenterArgs(aws.karpenter(), clusterName, cluster.outputs().clusterName(),
                aws.region(), cluster.outputs().clusterSecurityGroupId(), cluster.outputs().irsa(),
                services.outputs().podsCanRunWithoutClusterDns()), platform, onCluster);
    }

    /** What pods wait for plus Karpenter's pools: pods on a pool wait for it, so on destroy they go before it. */
    private static List<Resource> plus(List<Resource> base, List<Resource> pools) {
        List<Resource> all = new java.util.ArrayList<>(base);
        all.addAll(pools);
        return List.copyOf(all);
    }
}
