package io.agentplatform.config;

import java.util.Optional;

/**
 * Secrets from Pulumi config ({@code pulumi config set --secret agent-platform:<name> ...}). A secret every stack
 * needs is a plain value; one that depends on other settings is {@code Optional} and present exactly when they ask
 * for it. A required secret that is absent stops the program under the Pulumi CLI and becomes a placeholder in the
 * offline plan. The in-cluster PostgreSQL password belongs to the stacks that run it: {@link ClusterTargetSettings}.
 *
 * @param redisAuthToken every stack: the ElastiCache AUTH token, or the in-cluster Valkey's {@code requirepass}
 */
public record PlatformSecrets(
        SecretValue redisAuthToken,
        Optional<SecretValue> grafanaAdminPassword,
        Optional<SecretValue> slackWebhookUrl,
        Optional<SecretValue> telegramBotToken,
        Optional<SecretValue> pagerdutyRoutingKey,
        Optional<SecretValue> llmApiKey) {
}
