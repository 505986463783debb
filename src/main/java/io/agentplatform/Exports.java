package io.agentplatform;

import com.pulumi.Context;
import io.agentplatform.cluster.EksClusterOutputs;
import io.agentplatform.network.NetworkOutputs;
import io.agentplatform.nodegroups.NodeGroupsOutputs;

/**
 * The stack outputs other teams depend on, exported in one place with the exact names of the output contract
 * ({@code docs/outputs.md}).
 */
final class Exports {
    private Exports() {}

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
}
