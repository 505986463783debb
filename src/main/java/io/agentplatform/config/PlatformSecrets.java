package io.agentplatform.config;

import java.util.Optional;

/**
 * Secrets from Pulumi config ({@code pulumi config set --secret agent-platform:<name> ...}) that are not part of a
 * feature's own record. A secret every stack needs is a plain value; a required secret that is absent stops the
 * program under the Pulumi CLI and becomes a placeholder in the offline plan. The Grafana password and the receivers'
 * credentials live in {@link MonitoringStack}, the in-cluster PostgreSQL password in {@link ClusterTargetSettings}.
 *
 * @param redisAuthToken every stack: the ElastiCache AUTH token, or the in-cluster Valkey's {@code requirepass}
 * @param llmApiKey      present exactly when {@code agent.llmApiUrl} is set
 */
public record PlatformSecrets(SecretValue redisAuthToken, Optional<SecretValue> llmApiKey) {
}
