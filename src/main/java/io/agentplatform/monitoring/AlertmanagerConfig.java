package io.agentplatform.monitoring;

import io.agentplatform.config.AlertingSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Alertmanager configuration (chart value {@code alertmanager.config}): routing by severity, inhibition and
 * receivers. It holds no secret: each receiver reads its credential from a file of the {@link #SECRET_NAME} Secret,
 * which the operator mounts at {@code /etc/alertmanager/secrets/<secret>/<key>}.
 *
 * <ul>
 *   <li>{@code Watchdog} (always firing, proves the pipeline works) and {@code InfoInhibitor} go to {@code null}.</li>
 *   <li>{@code severity=critical} pages (PagerDuty) and, continuing, posts to chat.</li>
 *   <li>{@code severity=warning} posts to chat.</li>
 *   <li>everything else (info) goes to {@code null}: visible in Alertmanager and Grafana, never notified.</li>
 *   <li>a critical alert silences the warning of the same alertname and namespace.</li>
 * </ul>
 */
final class AlertmanagerConfig {
    /** The Secret with the receivers' credentials, mounted into Alertmanager. */
    static final String SECRET_NAME = "alertmanager-receivers";
    static final String SLACK_KEY = "slack-webhook-url";
    static final String TELEGRAM_KEY = "telegram-bot-token";
    static final String PAGERDUTY_KEY = "pagerduty-routing-key";

    static final String NULL = "null";
    static final String PAGER = "pager";
    static final String CHAT = "chat";

    private AlertmanagerConfig() {}

    static String secretFile(String key) {
        return "/etc/alertmanager/secrets/" + SECRET_NAME + "/" + key;
    }

    static Map<String, Object> build(AlertingSettings alerting) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("global", Map.of("resolve_timeout", "5m"));
        config.put("route", route(alerting));
        config.put("inhibit_rules", inhibitRules());
        config.put("receivers", receivers(alerting));
        config.put("templates", List.of("/etc/alertmanager/config/*.tmpl"));
        return config;
    }

    private static Map<String, Object> route(AlertingSettings alerting) {
        List<Map<String, Object>> routes = new ArrayList<>();
        routes.add(route(NULL, "alertname = \"Watchdog\"", false));
        routes.add(route(NULL, "alertname = \"InfoInhibitor\"", false));
        if (alerting.pagerduty().isPresent()) {
            // continue: the same critical alert also reaches the chat route below.
            routes.add(route(PAGER, "severity = \"critical\"", alerting.hasChat()));
        }
        if (alerting.hasChat()) {
            routes.add(route(CHAT, "severity =~ \"critical|warning\"", false));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("receiver", NULL);
        root.put("group_by", List.of("alertname", "namespace", "severity", "service"));
        root.put("group_wait", "30s");
        root.put("group_interval", "5m");
        root.put("repeat_interval", "4h");
        root.put("routes", routes);
        return root;
    }

    private static Map<String, Object> route(String receiver, String matcher, boolean continueMatching) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("receiver", receiver);
        r.put("matchers", List.of(matcher));
        r.put("continue", continueMatching);
        return r;
    }

    private static List<Map<String, Object>> inhibitRules() {
        return List.of(
                inhibit(List.of("severity = \"critical\""), List.of("severity =~ \"warning|info\""),
                        List.of("alertname", "namespace")),
                inhibit(List.of("severity = \"warning\""), List.of("severity = \"info\""),
                        List.of("alertname", "namespace")),
                // kube-prometheus-stack's InfoInhibitor fires while info alerts have nothing more severe beside them.
                inhibit(List.of("alertname = \"InfoInhibitor\""), List.of("severity = \"info\""), List.of("namespace")));
    }

    private static Map<String, Object> inhibit(List<String> source, List<String> target, List<String> equal) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("source_matchers", source);
        rule.put("target_matchers", target);
        rule.put("equal", equal);
        return rule;
    }

    private static List<Map<String, Object>> receivers(AlertingSettings alerting) {
        List<Map<String, Object>> receivers = new ArrayList<>();
        receivers.add(Map.of("name", NULL));
        if (alerting.pagerduty().isPresent()) {
            Map<String, Object> pagerduty = new LinkedHashMap<>();
            pagerduty.put("routing_key_file", secretFile(PAGERDUTY_KEY));
            pagerduty.put("send_resolved", true);
            pagerduty.put("severity", "critical");
            receivers.add(Map.of("name", PAGER, "pagerduty_configs", List.of(pagerduty)));
        }
        if (alerting.hasChat()) {
            Map<String, Object> chat = new LinkedHashMap<>();
            chat.put("name", CHAT);
            alerting.slack().map(AlertingSettings.Slack::channel).ifPresent(channel -> {
                Map<String, Object> slack = new LinkedHashMap<>();
                slack.put("api_url_file", secretFile(SLACK_KEY));
                slack.put("channel", channel);
                slack.put("send_resolved", true);
                slack.put("title", "[{{ .Status | toUpper }}{{ if eq .Status \"firing\" }}:{{ .Alerts.Firing | len }}{{ end }}] "
                        + "{{ .CommonLabels.alertname }} ({{ .CommonLabels.severity }})");
                slack.put("text", "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n"
                        + "Runbook: {{ .Annotations.runbook_url }}\n{{ end }}");
                chat.put("slack_configs", List.of(slack));
            });
            alerting.telegram().map(AlertingSettings.Telegram::chatId).ifPresent(chatId -> {
                Map<String, Object> telegram = new LinkedHashMap<>();
                telegram.put("bot_token_file", secretFile(TELEGRAM_KEY));
                // Alertmanager wants an integer. Pulumi serialises numbers as doubles, exact for chat ids (< 2^53), and Helm
                // renders a whole double without exponent, so the config gets the integer back.
                telegram.put("chat_id", (double) Long.parseLong(chatId));
                telegram.put("send_resolved", true);
                telegram.put("parse_mode", "HTML");
                chat.put("telegram_configs", List.of(telegram));
            });
            receivers.add(chat);
        }
        return receivers;
    }
}
