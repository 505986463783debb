package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentplatform.StackPlans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed stack files are what get deployed, so they are what gets tested. */
class StackFilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyCommittedPlatformStackLoadsAndValidates(String stack) {
        PlatformConfig config = StackPlans.config(stack);
        assertEquals(stack, config.stack());
        assertTrue(config.environment().buildsAwsPlatform());
        assertTrue(config.aws().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr", "local"})
    void theEphemeralTemplateAndTheLocalStackLoadAndValidate(String stack) {
        PlatformConfig config = StackPlans.config(stack);
        assertFalse(config.environment().buildsAwsPlatform());
        assertTrue(config.aws().isEmpty());
        assertTrue(config.target().isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production", "pr", "local"})
    void stackFilesHoldNoSecrets(String stack) throws Exception {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(StackPlans.projectDir().resolve("Pulumi." + stack + ".yaml").toFile());
        for (String secret : ConfigBinder.SECRETS) {
            assertFalse(file.path("config").has("agent-platform:" + secret), stack + " stack file must not hold " + secret);
        }
    }

    @Test
    void projectFileDeclaresExactlyTheSettingsTheProgramReads() throws Exception {
        JsonNode project = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(StackPlans.projectDir().resolve("Pulumi.yaml")));
        Set<String> declared = new TreeSet<>();
        project.path("config").fieldNames().forEachRemaining(declared::add);
        Set<String> read = new TreeSet<>(ConfigBinder.SETTINGS);
        read.addAll(ConfigBinder.SECRETS);
        assertEquals(read, declared);
        for (String secret : ConfigBinder.SECRETS) {
            assertTrue(project.path("config").path(secret).path("secret").asBoolean(), secret + " must be declared secret: true");
        }
    }

    @Test
    void productionDefaultsProtectDataWhileDevDefaultsAreDestroyable() {
        DatabaseSettings prod = StackPlans.config("production").requireAws().database();
        DatabaseSettings dev = StackPlans.config("dev").requireAws().database();
        assertTrue(prod.deletionProtection() && prod.protect() && !prod.skipFinalSnapshot());
        assertTrue(!dev.deletionProtection() && !dev.protect() && dev.skipFinalSnapshot());
    }
}
