package io.agentplatform.config;

import java.util.List;
import java.util.Optional;

/** The declarations of {@code alerting} ({@link AlertingSettings}) and how they are read. */
final class AlertingSection {
    static final Setting<Optional<String>> SLACK = Setting.optionalText("slackChannel", "Slack receiver; needs the "
            + "secret `slackWebhookUrl`").matching("#[a-z0-9._-]{1,80}", "must be a Slack channel name such as #alerts");
    static final Setting<Optional<String>> TELEGRAM = Setting.optionalText("telegramChatId", "Telegram receiver; needs "
            + "the secret `telegramBotToken`").matching("-?\\d{1,20}",
            "must be a numeric Telegram chat id such as -1001234567890");
    static final Setting<Boolean> PAGERDUTY = Setting.bool("pagerduty", Default.of(false), "PagerDuty receiver; needs "
            + "the secret `pagerdutyRoutingKey`");

    static final Section SECTION = new Section("alerting", "Alertmanager receivers; a receiver that is not set is left "
            + "out and its secret is not required", Section.ALL, List.of(SLACK, TELEGRAM, PAGERDUTY));

    private AlertingSection() {}

    /** Which receivers the section configures; their credentials are required by {@link SecretSettings}. */
    record Receivers(Optional<String> slackChannel, Optional<String> telegramChatId, boolean pagerduty) {}

    static Receivers read(Settings s) {
        Receivers receivers = new Receivers(s.read(SLACK), s.read(TELEGRAM), s.read(PAGERDUTY));
        s.rejectUnknownKeys();
        return receivers;
    }
}
