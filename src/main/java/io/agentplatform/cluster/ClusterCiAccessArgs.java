package io.agentplatform.cluster;

import com.pulumi.core.Output;
import io.agentplatform.config.CiAccessSettings;

/**
 * Inputs of {@link ClusterCiAccess}.
 *
 * @param settings               {@code cluster.ciAccess}
 * @param clusterName            the cluster the access entries belong to
 * @param clusterSecurityGroupId the EKS-managed security group of the control plane's network interfaces
 */
public record ClusterCiAccessArgs(CiAccessSettings settings, Output<String> clusterName,
                                  Output<String> clusterSecurityGroupId) {
}
