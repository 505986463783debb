package io.agentplatform.nodegroups;

import com.pulumi.core.Output;
import io.agentplatform.config.NodeGroupSettings;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link NodeGroups}.
 *
 * @param groups           node groups keyed by stable name ({@code system}, {@code workloads}, ...)
 * @param clusterName      the cluster they join
 * @param privateSubnetIds where nodes run; never public subnets
 * @param kubernetesVersion the cluster's EKS version: the nodes follow it, so an upgrade of the control plane is
 *                          followed by a rolling upgrade of the nodes (they wait for the cluster through clusterName)
 */
public record NodeGroupsArgs(Map<String, NodeGroupSettings> groups, Output<String> clusterName,
                             Output<List<String>> privateSubnetIds, String kubernetesVersion) {
}
