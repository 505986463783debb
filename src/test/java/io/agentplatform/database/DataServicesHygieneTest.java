package io.agentplatform.database;

import com.pulumi.core.internal.Internal;
import io.agentplatform.StackPlans;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.AlertingSettings;
import io.agentplatform.config.MonitoringStack;
import io.agentplatform.config.PlatformConfig;
import io.agentplatform.config.PlatformSecrets;
import io.agentplatform.config.SecretValue;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.agentplatform.PlanQueries.underComponent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What holds for both data services alike: tags, naming, no secrets in the plan (same plan on every run: PlanFileTest). */
class DataServicesHygieneTest {
    private static final Map<String, String> COMPONENTS = Map.of(
            "database", "agent-platform:aws:Database",
            "cache", "agent-platform:aws:Cache");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyTaggableResourceCarriesTheStandardTags(String stack) {
        PlatformConfig cfg = StackPlans.config(stack);
        Plan plan = StackPlans.of(stack);
        int checked = 0;
        for (var component : COMPONENTS.entrySet()) {
            for (PlannedResource r : underComponent(plan, component.getValue())) {
                if (!taggable(r.type())) {
                    continue;
                }
                var tags = r.input("tags");
                String what = r.name() + " (" + r.type() + ")";
                assertEquals(cfg.project(), tags.path("project").asText(), what);
                assertEquals(cfg.environment().configName(), tags.path("environment").asText(), what);
                assertEquals(component.getKey(), tags.path("component").asText(), what);
                assertEquals("pulumi", tags.path("managed-by").asText(), what);
                checked++;
            }
        }
        assertTrue(checked >= 10, "expected the keys, groups, rules, instance and replication group; checked " + checked);
    }

    /** Taggable according to the AWS SDK itself: the resource class has a {@code tags} output. */
    private static boolean taggable(String type) {
        String[] token = type.split(":");
        String module = token[1].contains("/") ? token[1].substring(0, token[1].indexOf('/')) : token[1];
        try {
            Class<?> resource = Class.forName("com.pulumi.aws." + module + "." + token[2]);
            for (Method m : resource.getMethods()) {
                if (m.getName().equals("tags") && m.getParameterCount() == 0) {
                    return true;
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no SDK class for " + type, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyChildIsNamedAfterItsComponentAndDeployedWithTheStackProvider(String stack) {
        Plan plan = StackPlans.of(stack);
        for (var component : COMPONENTS.entrySet()) {
            String prefix = "agent-platform-" + stack + "-" + component.getKey() + "-";
            List<PlannedResource> children = underComponent(plan, component.getValue());
            assertFalse(children.isEmpty());
            for (PlannedResource r : children) {
                assertTrue(r.name().startsWith(prefix), r.name() + " should start with " + prefix);
                assertNotNull(r.provider(), r.name() + " has no provider");
                assertTrue(r.provider().endsWith("::agent-platform-" + stack + "-aws-provider"),
                        r.name() + " uses " + r.provider());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void noSecretOrPlaceholderAppearsInThePlan(String stack) {
        String text = StackPlans.of(stack).toJsonText();
        assertFalse(text.contains("offline-plan-placeholder-for-"), "a placeholder secret leaked into the plan");
        List<String> secrets = secretTexts(StackPlans.config(stack));
        assertFalse(secrets.isEmpty(), "the offline plan has at least the cache AUTH token");
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "a secret leaked into the plan");
        }
        assertTrue(text.contains("\"authToken\" : \"[secret]\""), "the token is recorded, masked");
    }

    private static List<String> secretTexts(PlatformConfig config) {
        PlatformSecrets s = config.secrets();
        Optional<MonitoringStack> m = config.monitoring();
        List<String> out = new ArrayList<>();
        Stream.of(Optional.of(s.redisAuthToken()), m.map(MonitoringStack::grafanaAdminPassword),
                        m.flatMap(x -> x.alerting().slack()).map(AlertingSettings.Slack::webhookUrl),
                        m.flatMap(x -> x.alerting().telegram()).map(AlertingSettings.Telegram::botToken),
                        m.flatMap(x -> x.alerting().pagerduty()).map(AlertingSettings.PagerDuty::routingKey),
                        s.llmApiKey())
                .flatMap(Optional::stream)
                .map(SecretValue::output)
                .map(o -> Internal.of(o).getValueNullable().join())
                .forEach(out::add);
        return out;
    }

    @Test
    void noIngressAnywhereOpensPostgresOrRedisToAnAddressRange() {
        for (String stack : StackPlans.PLATFORM_STACKS) {
            for (PlannedResource rule : StackPlans.of(stack).ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")) {
                int from = rule.input("fromPort").asInt(-1);
                int to = rule.input("toPort").asInt(-1);
                boolean dataPort = (from <= 5432 && 5432 <= to) || (from <= 6379 && 6379 <= to)
                        || "-1".equals(rule.input("ipProtocol").asText());
                if (dataPort) {
                    assertTrue(rule.input("cidrIpv4").isMissingNode() && rule.input("cidrIpv6").isMissingNode(),
                            stack + ": " + rule.name() + " opens a data port to an address range");
                    assertTrue(rule.input("referencedSecurityGroupId").isTextual(), rule.name());
                }
            }
        }
    }
}
