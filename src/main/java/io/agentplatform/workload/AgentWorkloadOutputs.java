package io.agentplatform.workload;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * @param namespace   the agent's namespace
 * @param serviceName the agent's ClusterIP Service (API on port {@code http}, metrics on {@code management})
 * @param url         {@code https://<host>} when an ingress is configured
 */
public record AgentWorkloadOutputs(String namespace, String serviceName, Optional<Output<String>> url) {
}
