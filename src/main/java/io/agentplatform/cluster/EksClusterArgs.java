package io.agentplatform.cluster;

import io.agentplatform.config.ClusterSettings;
import io.agentplatform.network.NetworkOutputs;

/**
 * Inputs of {@link EksCluster}.
 *
 * @param settings    version, endpoint exposure, log retention, authentication mode, admins, protection
 * @param clusterName physical cluster name (also tagged on the subnets by the network)
 * @param network     the VPC; the control plane's network interfaces go into the private subnets
 */
public record EksClusterArgs(ClusterSettings settings, String clusterName, NetworkOutputs network) {
}
