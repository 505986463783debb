package io.agentplatform.config;

import java.util.Optional;

/**
 * Secrets from Pulumi config ({@code pulumi config set --secret agent-platform:<name> ...}). Absent optional ones are
 * empty; a required one that is absent stops the program under the Pulumi CLI and becomes a placeholder in the
 * offline plan.
 */
public record PlatformSecrets(
        Optional<SecretValue> redisAuthToken,
        Optional<SecretValue> grafanaAdminPassword,
        Optional<SecretValue> slackWebhookUrl,
        Optional<SecretValue> telegramBotToken,
        Optional<SecretValue> pagerdutyRoutingKey,
        Optional<SecretValue> llmApiKey,
        Optional<SecretValue> databasePassword) {
}
