package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentplatform.plan.Plan;
import io.agentplatform.plan.PlannedResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Kubernetes provider runs the provider plugin that scripts/tools.sh builds (not the SDK's default 4.0.0,
 * which has pulumi-kubernetes #2542), and the plan file records that version on each provider.
 */
class KubernetesProviderPinTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "local", "pr"})
    void everyKubernetesProviderPinsThePluginVersionTheToolsScriptBuilds(String stack) throws Exception {
        String built = toolsScriptProviderVersion();
        Plan plan = StackPlans.of(stack);
        List<PlannedResource> providers = plan.ofType("pulumi:providers:kubernetes");
        assertFalse(providers.isEmpty(), "no Kubernetes provider in " + stack);
        for (PlannedResource provider : providers) {
            assertEquals(Optional.of(built), provider.options().version(), provider.urn());
        }
        JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan.toJsonText());
        for (JsonNode r : file.path("resources")) {
            if (r.path("type").asText().equals("pulumi:providers:kubernetes")) {
                assertEquals(built, r.path("options").path("version").asText(), r.path("urn").asText());
            } else {
                assertTrue(r.path("options").has("version"), "options.version missing on " + r.path("urn").asText());
            }
        }
    }

    private static String toolsScriptProviderVersion() throws Exception {
        String script = Files.readString(StackPlans.projectDir().resolve(Path.of("scripts", "tools.sh")));
        Matcher m = Pattern.compile("(?m)^KUBERNETES_PROVIDER_VERSION=([0-9.]+)$").matcher(script);
        assertTrue(m.find(), "KUBERNETES_PROVIDER_VERSION not found in scripts/tools.sh");
        return m.group(1);
    }
}
