package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The secret settings, declared once, and how they are read: encrypted in the stack, never in plain text. Under the
 * CLI a required secret that is missing is a problem; the offline plan uses a placeholder and warns.
 */
final class SecretSettings {

    /**
     * @param name     the project key
     * @param what     what it is and what makes it valid (shown in problems)
     * @param needed   when it is required, as the documentation states it (the condition is in {@link #read},
     *                 {@link #monitoring} and the binder)
     * @param valid    the rule a set value must meet
     */
    record Secret(String name, String what, String needed, Predicate<String> valid) {}

    static final Secret REDIS_AUTH_TOKEN = new Secret("redisAuthToken",
            "the ElastiCache AUTH token (16-128 printable characters, no @, \" or /)",
            "always (ElastiCache or the in-cluster Valkey)", v -> v.length() >= 16 && v.length() <= 128);
    static final Secret GRAFANA_ADMIN_PASSWORD = new Secret("grafanaAdminPassword",
            "the Grafana admin password (at least 12 characters)",
            "with monitoring, except on ephemeral stacks (they deploy none)", v -> v.length() >= 12);
    static final Secret SLACK_WEBHOOK_URL = new Secret("slackWebhookUrl",
            "the Slack incoming-webhook URL for alerting.slackChannel",
            "with `alerting.slackChannel`, where monitoring is deployed", v -> true);
    static final Secret TELEGRAM_BOT_TOKEN = new Secret("telegramBotToken",
            "the Telegram bot token for alerting.telegramChatId",
            "with `alerting.telegramChatId`, where monitoring is deployed", v -> true);
    static final Secret PAGERDUTY_ROUTING_KEY = new Secret("pagerdutyRoutingKey", "the PagerDuty Events v2 routing key",
            "with `alerting.pagerduty: true`, where monitoring is deployed", v -> true);
    static final Secret LLM_API_KEY = new Secret("llmApiKey", "the API key of agent.llmApiUrl", "with `agent.llmApiUrl`",
            v -> true);
    static final Secret DATABASE_PASSWORD = new Secret("databasePassword",
            "the password of the in-cluster PostgreSQL (at least 16 characters)", "on ephemeral and local stacks",
            v -> v.length() >= 16);

    static final List<Secret> ALL = List.of(REDIS_AUTH_TOKEN, GRAFANA_ADMIN_PASSWORD, SLACK_WEBHOOK_URL,
            TELEGRAM_BOT_TOKEN, PAGERDUTY_ROUTING_KEY, LLM_API_KEY, DATABASE_PASSWORD);

    private final String project;
    private final String stack;
    private final Map<String, JsonNode> raw;
    private final Set<String> secretKeys;
    private final ConfigBinder.SecretMode mode;
    private final Problems problems;
    private final List<String> warnings;

    SecretSettings(String project, String stack, Map<String, JsonNode> raw, Set<String> secretKeys,
                   ConfigBinder.SecretMode mode, Problems problems, List<String> warnings) {
        this.project = project;
        this.stack = stack;
        this.raw = raw;
        this.secretKeys = secretKeys;
        this.mode = mode;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** The secrets outside a feature's own record, read after {@link #monitoring} (the order of the warnings). */
    PlatformSecrets read(SecretValue redisAuthToken, AgentSettings agent) {
        return new PlatformSecrets(redisAuthToken, secret(LLM_API_KEY, agent.llmApiUrl().isPresent()));
    }

    /**
     * The monitoring a stack deploys (none on ephemeral stacks, none when {@code monitoring.enabled} is off) with its
     * Grafana password and each configured receiver's credential, required here so a missing one is reported with
     * every other problem. A secret that is set but not needed is still checked (stored encrypted, valid).
     */
    Optional<MonitoringStack> monitoring(EnvironmentKind kind, MonitoringSettings settings,
                                         AlertingSection.Receivers receivers) {
        if (kind == EnvironmentKind.EPHEMERAL || !settings.enabled()) {
            List.of(GRAFANA_ADMIN_PASSWORD, SLACK_WEBHOOK_URL, TELEGRAM_BOT_TOKEN, PAGERDUTY_ROUTING_KEY)
                    .forEach(unneeded -> secret(unneeded, false));
            return Optional.empty();
        }
        SecretValue grafana = required(GRAFANA_ADMIN_PASSWORD);
        AlertingSettings alerting = new AlertingSettings(
                receivers.slackChannel().map(channel -> new AlertingSettings.Slack(channel, required(SLACK_WEBHOOK_URL))),
                receivers.telegramChatId().map(chat -> new AlertingSettings.Telegram(chat, required(TELEGRAM_BOT_TOKEN))),
                receivers.pagerduty() ? Optional.of(new AlertingSettings.PagerDuty(required(PAGERDUTY_ROUTING_KEY)))
                        : Optional.empty());
        checkUnneeded(SLACK_WEBHOOK_URL, receivers.slackChannel().isEmpty());
        checkUnneeded(TELEGRAM_BOT_TOKEN, receivers.telegramChatId().isEmpty());
        checkUnneeded(PAGERDUTY_ROUTING_KEY, !receivers.pagerduty());
        return Optional.of(new MonitoringStack(settings, alerting, grafana));
    }

    /** A secret its receiver does not use: still refused in plain text or when invalid, never required. */
    private void checkUnneeded(Secret declared, boolean unneeded) {
        if (unneeded) {
            secret(declared, false);
        }
    }

    /**
     * A secret the stack cannot run without. When it is missing or invalid a problem is recorded and the placeholder
     * returned here is never seen: the binder throws before it builds the config.
     */
    SecretValue required(Secret declared) {
        return secret(declared, true).orElseGet(() -> SecretValue.placeholder(declared.name()));
    }

    Optional<SecretValue> secret(Secret declared, boolean required) {
        String name = declared.name();
        String full = project + ":" + name;
        JsonNode v = raw.get(full);
        boolean encrypted = secretKeys.contains(full) || (v != null && v.isObject() && v.has("secure"));
        if (v != null && !encrypted) {
            problems.add(full, "(plain text, not shown)", "is a secret and must be stored encrypted: pulumi config set --secret "
                    + full + " <value> --stack " + stack);
            return Optional.empty();
        }
        if (v == null || v.isObject()) {
            return unreadable(declared, full, v == null, required);
        }
        String text = v.asText();
        if (!declared.valid().test(text)) {
            problems.add(full, "(secret, " + text.length() + " characters)", "must be " + declared.what());
        }
        return Optional.of(SecretValue.of(name, text));
    }

    /** Absent, or encrypted in a stack file the offline plan cannot decrypt. */
    private Optional<SecretValue> unreadable(Secret declared, String full, boolean absent, boolean required) {
        if (!required) {
            return Optional.empty();
        }
        if (mode == ConfigBinder.SecretMode.REQUIRE) {
            problems.add(full, "<missing>", "is required: " + declared.what() + "; set it with: pulumi config set --secret "
                    + full + " <value> --stack " + stack);
            return Optional.empty();
        }
        if (absent) {
            warnings.add("secret " + full + " is not set; the offline plan uses a placeholder (set it with: pulumi config "
                    + "set --secret " + full + " <value> --stack " + stack + ")");
        }
        return Optional.of(SecretValue.placeholder(declared.name()));
    }
}
