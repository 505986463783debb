package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Example values in the committed stack files stop `pulumi up` and are warnings in the offline plan. */
class ExampleValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Read off Pulumi.staging.yaml by hand: every value a real account would not accept. */
    private static final List<String> STAGING_EXAMPLES = List.of(
            "agent-platform:cluster.publicAccessCidrs[0]",
            "agent-platform:cluster.publicAccessCidrs[1]",
            "agent-platform:cluster.adminPrincipalArns[0]",
            "agent-platform:cluster.ciAccess.planRoleArn",
            "agent-platform:cluster.ciAccess.driftRoleArn",
            "agent-platform:agent.ingress.host",
            "agent-platform:agent.ingress.certificateArn");

    /** The stack's config as the Pulumi CLI passes it, with every secret it needs set. */
    private static String asCliSendsIt(Map<String, JsonNode> raw) {
        Map<String, String> cli = new LinkedHashMap<>();
        raw.forEach((k, v) -> cli.put(k, v.isTextual() ? v.asText() : v.toString()));
        cli.put("agent-platform:redisAuthToken", "0123456789abcdef-redis");
        cli.put("agent-platform:grafanaAdminPassword", "a-long-grafana-password");
        cli.put("agent-platform:slackWebhookUrl", "https://hooks.slack.com/services/T0/B0/X");
        return JSON.valueToTree(cli).toString();
    }

    private static final String SECRET_KEYS = "[\"agent-platform:redisAuthToken\",\"agent-platform:grafanaAdminPassword\","
            + "\"agent-platform:slackWebhookUrl\"]";

    @Test
    void underThePulumiCliEveryExampleValueOfStagingIsAProblemNamingItsSetting() {
        String config = asCliSendsIt(BrokenConfigTest.stack("staging"));
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> PulumiConfigSource.load("agent-platform", "staging", config, SECRET_KEYS));
        Set<String> named = new TreeSet<>(e.problems().stream().map(ConfigProblem::setting).toList());
        assertEquals(new TreeSet<>(STAGING_EXAMPLES), named, e.getMessage());
        assertTrue(e.getMessage().contains("'203.0.113.0/24'") && e.getMessage().contains("replace it"), e.getMessage());
    }

    @Test
    void underThePulumiCliTheStackRunsOnceItsExamplesAreReplaced() {
        Map<String, JsonNode> raw = BrokenConfigTest.withOwnValues(BrokenConfigTest.stack("staging"));
        PlatformConfig config = PulumiConfigSource.load("agent-platform", "staging", asCliSendsIt(raw), SECRET_KEYS);
        assertEquals(EnvironmentKind.STAGING, config.environment());
    }

    @Test
    void theOfflinePlanKeepsWorkingAndListsEachExampleAsAWarning() {
        List<String> warnings = StackPlans.staging().warnings();
        for (String setting : STAGING_EXAMPLES) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("example value " + setting + " = ")),
                    setting + " missing from the warnings: " + warnings);
        }
    }

    @Test
    void documentationAccountRangesAndDomainsAreExamplesRealValuesAreNot() {
        for (String example : List.of("arn:aws:iam::123456789012:role/x", "192.0.2.0/24", "198.51.100.7",
                "203.0.113.128/25", "agents.example.com", "example.org", "ops@example.net", "api.corp.example")) {
            assertTrue(ExampleValues.kindOf(example).isPresent(), example + " is an example");
        }
        for (String real : List.of("arn:aws:iam::210987654321:role/x", "10.20.0.0/16", "0.0.0.0/0", "192.0.0.0/16",
                "203.0.112.0/24", "agents.example-corp.com", "myexample.com", "ghcr.io/agent-platform/agent:0.1.0")) {
            assertFalse(ExampleValues.kindOf(real).isPresent(), real + " is no example");
        }
    }

    @Test
    void secretsAreNeverInspected() {
        Map<String, JsonNode> raw = Map.of("agent-platform:llmApiKey", JSON.getNodeFactory().textNode("key-for-example.com"));
        assertEquals(List.of(), ExampleValues.find(raw, Set.of("agent-platform:llmApiKey")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "pr", "local"})
    void theReadmeListsExactlyTheSettingsToReplaceOfEachStack(String stack) throws Exception {
        Set<String> detected = new LinkedHashSet<>();
        ExampleValues.find(BrokenConfigTest.stack(stack), Set.of())
                .forEach(f -> detected.add(f.setting() + " = " + f.value()));
        Set<String> listed = new LinkedHashSet<>();
        String readme = Files.readString(StackPlans.projectDir().resolve("README.md"));
        String section = readme.substring(readme.indexOf("### Settings to replace"));
        section = section.substring(0, section.indexOf("\n#", 1));
        for (String line : section.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length > 4 && cells[1].strip().equals("`" + stack + "`")) {
                listed.add(cells[2].strip().replace("`", "") + " = " + cells[3].strip().replace("`", ""));
            }
        }
        assertEquals(detected, listed, "README \"Settings to replace\" for " + stack);
    }
}
