package io.agentplatform.cache;

import com.pulumi.core.Output;
import io.agentplatform.config.CacheSettings;
import io.agentplatform.config.SecretValue;
import io.agentplatform.network.NetworkOutputs;

/**
 * Inputs of {@link Cache}. Every default lives in {@link CacheSettings} (Valkey 8.0, one replica outside dev, daily
 * snapshots kept 7 days in production, 14 days of slow log, protected in production); the component adds only fixed choices: port 6379,
 * cluster mode off, TLS required, minor versions applied automatically in the maintenance window.
 *
 * @param settings              engine, version, node type, replicas, snapshots, windows, slow-log retention
 * @param network               the VPC; the nodes go into its private subnets
 * @param clientSecurityGroupId the only security group allowed to connect (the EKS cluster/node security group)
 * @param authToken             the AUTH token clients present (16-128 characters); handled only as a secret
 */
public record CacheArgs(CacheSettings settings, NetworkOutputs network, Output<String> clientSecurityGroupId,
                        SecretValue authToken) {
}
