package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.agentplatform.config.BrokenConfigTest.section;
import static io.agentplatform.config.BrokenConfigTest.stack;
import static io.agentplatform.config.BrokenConfigTest.withOwnValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secret is required exactly when the config needs it: the Grafana password when the stack deploys monitoring, a
 * receiver's credential when that receiver is configured. The binder reports each missing one with every other
 * problem, before any resource exists, and hands the components values, not absences.
 */
class RequiredSecretsTest {
    private static final String P = "agent-platform:";
    private static final Map<String, String> ALL = Map.of(
            "redisAuthToken", "0123456789abcdef-redis",
            "databasePassword", "a-long-postgres-password",
            "grafanaAdminPassword", "a-long-grafana-password",
            "slackWebhookUrl", "https://hooks.slack.example/T000/B000/XXXX",
            "telegramBotToken", "123456:telegram-token",
            "pagerdutyRoutingKey", "pagerduty-routing-key");

    /** The stack as `pulumi up` sees it (own values instead of examples) with the named secrets set encrypted. */
    private static PlatformConfig bindUnderCli(String stack, Map<String, JsonNode> raw, List<String> secrets) {
        Set<String> keys = new TreeSet<>();
        for (String name : secrets) {
            raw.put(P + name, new TextNode(ALL.get(name)));
            keys.add(P + name);
        }
        return ConfigBinder.bind("agent-platform", stack, raw, keys, ConfigBinder.SecretMode.REQUIRE);
    }

    private static List<String> missing(InvalidConfigException e) {
        return e.problems().stream().filter(p -> p.value().equals("<missing>")).map(ConfigProblem::setting).toList();
    }

    @Test
    void whenMonitoringAndEveryReceiverAreOnTheirSecretsAreRequiredWithEveryOtherProblemAtOnce() {
        // WHEN production (Slack, Telegram, PagerDuty) has only its Redis token and also a broken setting
        Map<String, JsonNode> raw = withOwnValues(stack("production"));
        section(raw, "database").put("backupRetentionDays", -1);
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> bindUnderCli("production", raw, List.of("redisAuthToken")));
        // THEN one report names every missing secret and the broken setting
        assertEquals(List.of(P + "grafanaAdminPassword", P + "slackWebhookUrl", P + "telegramBotToken",
                P + "pagerdutyRoutingKey"), missing(e), e::getMessage);
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals(P + "database.backupRetentionDays")),
                e::getMessage);
        assertTrue(e.getMessage().contains("pulumi config set --secret agent-platform:telegramBotToken <value> --stack "
                + "production"), e::getMessage);
    }

    @Test
    void eachConfiguredReceiverCarriesItsOwnCredential() {
        PlatformConfig config = bindUnderCli("production", withOwnValues(stack("production")),
                List.of("redisAuthToken", "grafanaAdminPassword", "slackWebhookUrl", "telegramBotToken",
                        "pagerdutyRoutingKey"));
        MonitoringStack monitoring = config.monitoring().orElseThrow();
        assertEquals("grafanaAdminPassword", monitoring.grafanaAdminPassword().name());
        AlertingSettings alerting = monitoring.alerting();
        assertEquals("#agent-platform-alerts", alerting.slack().orElseThrow().channel());
        assertEquals("slackWebhookUrl", alerting.slack().orElseThrow().webhookUrl().name());
        assertEquals("-1001234567890", alerting.telegram().orElseThrow().chatId());
        assertEquals("telegramBotToken", alerting.telegram().orElseThrow().botToken().name());
        assertEquals("pagerdutyRoutingKey", alerting.pagerduty().orElseThrow().routingKey().name());
        assertFalse(monitoring.grafanaAdminPassword().isPlaceholder() || alerting.slack().get().webhookUrl().isPlaceholder());
    }

    @Test
    void aReceiverThatIsNotConfiguredNeedsNoSecretAndIsLeftOut() {
        // dev configures only Slack
        PlatformConfig config = bindUnderCli("dev", withOwnValues(stack("dev")),
                List.of("redisAuthToken", "grafanaAdminPassword", "slackWebhookUrl"));
        AlertingSettings alerting = config.monitoring().orElseThrow().alerting();
        assertTrue(alerting.slack().isPresent());
        assertTrue(alerting.telegram().isEmpty() && alerting.pagerduty().isEmpty());
    }

    @Test
    void aSecretSetForAReceiverThatIsNotConfiguredMustStillBeEncrypted() {
        Map<String, JsonNode> raw = withOwnValues(stack("dev"));
        raw.put(P + "telegramBotToken", new TextNode("123456:in-plain-text"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> bindUnderCli("dev", raw, List.of("redisAuthToken", "grafanaAdminPassword", "slackWebhookUrl")));
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals(P + "telegramBotToken")
                && p.message().contains("must be stored encrypted")), e::getMessage);
    }

    @Test
    void anEphemeralStackDeploysNoMonitoringSoNoGrafanaPasswordIsAsked() {
        PlatformConfig config = bindUnderCli("pr", stack("pr"), List.of("redisAuthToken", "databasePassword"));
        assertTrue(config.monitoring().isEmpty());
    }

    @Test
    void aLocalStackWithoutMonitoringNeedsNoGrafanaPasswordButWithItDoes() {
        Map<String, JsonNode> off = stack("local");
        section(off, "monitoring").put("enabled", false);
        assertTrue(bindUnderCli("local", off, List.of("redisAuthToken", "databasePassword")).monitoring().isEmpty());

        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> bindUnderCli("local", stack("local"), List.of("redisAuthToken", "databasePassword")));
        assertEquals(List.of(P + "grafanaAdminPassword"), missing(e), e::getMessage);
    }

    @Test
    void theOfflinePlanStandsInAPlaceholderForEachMissingSecretAndWarns() {
        PlatformConfig config = ConfigBinder.bind("agent-platform", "production", stack("production"), Set.of(),
                ConfigBinder.SecretMode.PLACEHOLDER);
        MonitoringStack monitoring = config.monitoring().orElseThrow();
        assertTrue(monitoring.grafanaAdminPassword().isPlaceholder());
        assertTrue(monitoring.alerting().slack().orElseThrow().webhookUrl().isPlaceholder());
        assertTrue(monitoring.alerting().telegram().orElseThrow().botToken().isPlaceholder());
        assertTrue(monitoring.alerting().pagerduty().orElseThrow().routingKey().isPlaceholder());
        for (String name : List.of("grafanaAdminPassword", "slackWebhookUrl", "telegramBotToken", "pagerdutyRoutingKey")) {
            assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("secret " + P + name + " is not set")),
                    () -> name + " not warned: " + config.warnings());
        }
    }
}
