package io.agentplatform.network;

import io.agentplatform.config.NetworkSettings;

/**
 * Inputs of {@link Network}.
 *
 * @param settings    the VPC layout from config (CIDRs, zone count, NAT strategy, flow-log retention, endpoints)
 * @param clusterName name of the EKS cluster that will use the subnets; tagged on them so load balancers find them
 */
public record NetworkArgs(NetworkSettings settings, String clusterName) {
    /** Tag on the private subnets (and the cluster security group) naming the cluster; Karpenter discovers them by it. */
    public static final String DISCOVERY_TAG = "karpenter.sh/discovery";
}
