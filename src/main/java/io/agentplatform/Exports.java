package io.agentplatform;

import com.pulumi.Context;
import com.pulumi.core.Output;
import io.agentplatform.cache.CacheOutputs;
import io.agentplatform.cluster.EksClusterOutputs;
import io.agentplatform.contract.OutputContract;
import io.agentplatform.database.DatabaseOutputs;
import io.agentplatform.monitoring.MonitoringOutputs;
import io.agentplatform.network.NetworkOutputs;
import io.agentplatform.nodegroups.NodeGroupsOutputs;
import io.agentplatform.workload.AgentWorkloadOutputs;

/**
 * The stack outputs other teams depend on, exported in one place with the exact names of the output contract
 * ({@code docs/outputs.md}).
 */
final class Exports {
    private Exports() {}

    /** The version of the output contract this stack meets; consumers accept any release of the same major version. */
    static void contract(Context ctx) {
        ctx.export("contractVersion", Output.of(OutputContract.version()));
    }

    static void network(Context ctx, NetworkOutputs network) {
        ctx.export("vpcId", network.vpcId());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("databaseSubnetIds", network.databaseSubnetIds());
    }

    static void cluster(Context ctx, EksClusterOutputs cluster, NodeGroupsOutputs nodes) {
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("clusterCertificateAuthority", cluster.certificateAuthority());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("oidcProviderArn", cluster.oidcProviderArn());
        ctx.export("oidcProviderUrl", cluster.oidcProviderUrl());
        ctx.export("clusterSecurityGroupId", cluster.clusterSecurityGroupId());
        ctx.export("nodeRoleArn", nodes.nodeRoleArn());
    }

    /** Connection facts only: the database password lives in Secrets Manager, named by its ARN, never exported. */
    static void data(Context ctx, DatabaseOutputs database, CacheOutputs cache) {
        ctx.export("databaseEndpoint", database.address());
        ctx.export("databasePort", database.port());
        ctx.export("databaseName", Output.of(database.databaseName()));
        ctx.export("databaseSecretArn", database.masterSecretArn());
        ctx.export("redisPrimaryEndpoint", cache.primaryEndpoint());
        ctx.export("redisReaderEndpoint", cache.readerEndpoint());
        ctx.export("redisPort", cache.port());
    }

    static void monitoring(Context ctx, MonitoringOutputs monitoring) {
        ctx.export("monitoringNamespace", Output.of(monitoring.namespace()));
        ctx.export("grafanaUrl", monitoring.grafanaUrl());
        ctx.export("prometheusService", Output.of(monitoring.prometheusService()));
        ctx.export("alertmanagerService", Output.of(monitoring.alertmanagerService()));
    }

    /** Where the agent runs; {@code appUrl} only when the stack has an ingress. */
    /** The agent's namespace, Service and URL, and the image it runs (CI previews compare against it). */
    static void workload(Context ctx, AgentWorkloadOutputs agent, String image) {
        ctx.export("appNamespace", Output.of(agent.namespace()));
        ctx.export("appServiceName", Output.of(agent.serviceName()));
        agent.url().ifPresent(url -> ctx.export("appUrl", url));
        ctx.export("agentImage", Output.of(image));
    }
}
