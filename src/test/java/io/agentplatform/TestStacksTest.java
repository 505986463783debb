package io.agentplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself: overrides edit the raw stack config the binder reads, and each variant is planned once. */
class TestStacksTest {

    @Test
    void aDottedKeyChangesOneFieldOfItsSectionAndLeavesTheRestOfTheStackFile() {
        Map<String, JsonNode> committed = TestStacks.of("dev").rawConfig();
        Map<String, JsonNode> changed = TestStacks.of("dev").with("database.multiAz", true).rawConfig();
        assertFalse(committed.get("agent-platform:database").path("multiAz").asBoolean(), "Pulumi.dev.yaml: multiAz false");
        assertTrue(changed.get("agent-platform:database").path("multiAz").asBoolean());
        assertEquals(committed.get("agent-platform:database").path("instanceClass"),
                changed.get("agent-platform:database").path("instanceClass"));
        assertEquals(committed.get("agent-platform:network"), changed.get("agent-platform:network"));
        assertFalse(TestStacks.of("dev").rawConfig().get("agent-platform:database").path("multiAz").asBoolean(),
                "an override never leaks into the committed stack");
    }

    @Test
    void nestedTopLevelAndFullKeysAndRemovalsAreAllRawConfig() {
        Map<String, JsonNode> raw = TestStacks.of("dev")
                .with("nodeGroups.system.minSize", 3)
                .with("owner", "data-team")
                .with("aws:region", "eu-central-1")
                .with("cluster.publicAccessCidrs", List.of("198.51.100.0/24"))
                .without("cache.slowLogRetentionDays")
                .rawConfig();
        assertEquals(3, raw.get("agent-platform:nodeGroups").path("system").path("minSize").asInt());
        assertEquals(20, raw.get("agent-platform:nodeGroups").path("system").path("diskSizeGiB").asInt());
        assertEquals("data-team", raw.get("agent-platform:owner").asText());
        assertEquals("eu-central-1", raw.get("aws:region").asText());
        assertEquals("[\"198.51.100.0/24\"]", raw.get("agent-platform:cluster").path("publicAccessCidrs").toString());
        assertFalse(raw.get("agent-platform:cache").has("slowLogRetentionDays"));
    }

    @Test
    void anOverrideIsValidatedLikeTheStackFileItself() {
        var e = assertThrows(io.agentplatform.config.InvalidConfigException.class,
                () -> TestStacks.of("dev").with("database.backupRetentionDays", 99).config());
        assertTrue(e.getMessage().contains("agent-platform:database.backupRetentionDays"), e.getMessage());
    }

    @Test
    void aKeyIntoAScalarIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> TestStacks.of("dev").with("owner.team", "x").rawConfig());
        assertTrue(e.getMessage().contains("owner.team"), e.getMessage());
    }

    @Test
    void theSameVariantIsPlannedOnceAndTheOrderOfOverridesDoesNotMatter() {
        assertEquals(TestStacks.of("dev").with("database.multiAz", true).with("owner", "data-team"),
                TestStacks.of("dev").with("owner", "data-team").with("database.multiAz", true));
        // The variant LocalWithoutMonitoringTest plans: built anew here, it is the same cached plan.
        assertSame(TestStacks.of("local").with("monitoring.enabled", false).plan(),
                TestStacks.of("local").with("monitoring.enabled", false).plan());
        assertSame(StackPlans.of("dev"), TestStacks.of("dev").plan(), "the shorthand shares the cache");
    }
}
