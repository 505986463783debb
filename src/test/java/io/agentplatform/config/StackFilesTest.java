package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agentplatform.StackPlans;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The Pulumi CLI refuses a stack that lacks a key the project file declares without a default (it stopped the
     * first real `pulumi preview` of every stack), so the project file declares only settings the program reads that
     * either have a default or are set by every committed stack file.
     */
    @Test
    void projectFileDeclaresOnlySettingsEveryStackHasOrThatHaveADefault() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode project = yaml.readTree(Files.readString(StackPlans.projectDir().resolve("Pulumi.yaml")));
        Set<String> read = new TreeSet<>(ConfigBinder.SETTINGS);
        read.addAll(ConfigBinder.SECRETS);
        List<String> wrong = new ArrayList<>();
        project.path("config").fields().forEachRemaining(e -> {
            if (!read.contains(e.getKey())) {
                wrong.add(e.getKey() + " is not read by the program");
            }
            if (e.getValue().has("default")) {
                return;
            }
            for (String stack : List.of("dev", "staging", "production", "pr", "local")) {
                try {
                    JsonNode file = yaml.readTree(StackPlans.projectDir().resolve("Pulumi." + stack + ".yaml").toFile());
                    if (!file.path("config").has("agent-platform:" + e.getKey())) {
                        wrong.add(e.getKey() + " has no default and is missing from Pulumi." + stack + ".yaml");
                    }
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        });
        assertEquals(List.of(), wrong);
        assertTrue(project.path("config").has("environment"));
    }

    @Test
    void productionDefaultsProtectDataWhileDevDefaultsAreDestroyable() {
        DatabaseSettings prod = StackPlans.config("production").requireAws().database();
        DatabaseSettings dev = StackPlans.config("dev").requireAws().database();
        assertTrue(prod.deletionProtection() && prod.protect() && !prod.skipFinalSnapshot());
        assertTrue(!dev.deletionProtection() && !dev.protect() && dev.skipFinalSnapshot());
    }
}
