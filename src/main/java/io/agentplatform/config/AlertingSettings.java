package io.agentplatform.config;

import java.util.Optional;

/**
 * Where Alertmanager sends notifications. A receiver that is not configured is left out; one that is carries its
 * credential, which the binder required before any resource was registered.
 *
 * @param slack      critical and warning alerts to a Slack channel
 * @param telegram   critical and warning alerts to a Telegram chat
 * @param pagerduty  a page on critical alerts
 */
public record AlertingSettings(Optional<Slack> slack, Optional<Telegram> telegram, Optional<PagerDuty> pagerduty) {

    /** No receiver: alerts stay in Alertmanager's UI. */
    public static AlertingSettings none() {
        return new AlertingSettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** @param webhookUrl the incoming-webhook URL (secret {@code slackWebhookUrl}) */
    public record Slack(String channel, SecretValue webhookUrl) {}

    /** @param botToken the bot token (secret {@code telegramBotToken}) */
    public record Telegram(String chatId, SecretValue botToken) {}

    /** @param routingKey the Events v2 routing key (secret {@code pagerdutyRoutingKey}) */
    public record PagerDuty(SecretValue routingKey) {}

    /** Whether any chat receiver (Slack or Telegram) is configured. */
    public boolean hasChat() {
        return slack.isPresent() || telegram.isPresent();
    }

    public boolean hasAnyReceiver() {
        return hasChat() || pagerduty.isPresent();
    }
}
