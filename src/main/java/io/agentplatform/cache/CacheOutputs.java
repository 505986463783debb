package io.agentplatform.cache;

import com.pulumi.core.Output;

/**
 * What the workload needs to reach the cache (clients must use TLS and the AUTH token).
 *
 * @param primaryEndpoint DNS name for reads and writes; follows failover
 * @param readerEndpoint  DNS name spreading reads over the replicas
 * @param port            the port of both endpoints
 * @param securityGroupId security group of the cache nodes
 */
public record CacheOutputs(
        Output<String> primaryEndpoint,
        Output<String> readerEndpoint,
        Output<Integer> port,
        Output<String> securityGroupId) {
}
