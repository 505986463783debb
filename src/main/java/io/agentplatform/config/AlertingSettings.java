package io.agentplatform.config;

import java.util.Optional;

/**
 * Where Alertmanager sends notifications. A receiver that is not configured is left out; its credential then
 * need not be set.
 *
 * @param slackChannel     Slack channel for critical and warning alerts (webhook URL: secret {@code slackWebhookUrl})
 * @param telegramChatId   Telegram chat for critical and warning alerts (bot token: secret {@code telegramBotToken})
 * @param pagerduty        page on critical alerts (routing key: secret {@code pagerdutyRoutingKey})
 */
public record AlertingSettings(Optional<String> slackChannel, Optional<String> telegramChatId, boolean pagerduty) {

    public boolean slack() {
        return slackChannel.isPresent();
    }

    public boolean telegram() {
        return telegramChatId.isPresent();
    }
}
