package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code agent.delivery}: what the committed stacks choose, and every bad value named with what is allowed. */
class DeliveryConfigTest {

    private static ObjectNode delivery(Map<String, JsonNode> raw) {
        ObjectNode agent = BrokenConfigTest.section(raw, "agent");
        return agent.has("delivery") ? (ObjectNode) agent.get("delivery") : agent.putObject("delivery");
    }

    private static void assertProblem(String stack, Consumer<Map<String, JsonNode>> breakIt, String setting,
                                      String value, String allowed) {
        InvalidConfigException e = BrokenConfigTest.broken(stack, breakIt);
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals("agent-platform:agent.delivery." + setting)
                        && p.value().equals(value) && p.allowed().contains(allowed)),
                () -> "expected agent.delivery." + setting + " = " + value + " (" + allowed + "), got:\n" + e.getMessage());
    }

    @Test
    void devAndEphemeralStacksRollAndStagingAndProductionReleaseACanaryWithAnalysis() {
        for (String stack : List.of("dev", "pr", "local")) {
            assertEquals(DeliverySettings.ROLLING, StackPlans.config(stack).agent().delivery(), stack);
        }
        for (String stack : List.of("staging", "production")) {
            DeliverySettings d = StackPlans.config(stack).agent().delivery();
            assertEquals(DeliverySettings.Strategy.CANARY, d.strategy(), stack);
            assertTrue(d.steps().size() >= 3, stack + " canary has at least three steps: " + d.steps());
            assertTrue(d.analysis().isPresent(), stack + " analyses its canary");
        }
    }

    @Test
    void aCanaryWithoutStepsTakesTheDocumentedTenTwentyFiveFifty() {
        Map<String, JsonNode> raw = BrokenConfigTest.stack("dev");
        delivery(raw).put("strategy", "canary");
        DeliverySettings d = ConfigBinder.bind("agent-platform", "dev", raw, Set.of(), ConfigBinder.SecretMode.PLACEHOLDER)
                .agent().delivery();
        assertEquals(List.of(10, 25, 50), d.steps().stream().map(DeliverySettings.Step::weight).toList());
        assertEquals(60, d.analysis().orElseThrow().intervalSeconds());
    }

    @Test
    void weightsThatDoNotIncreaseAreRefusedWithTheWholeList() {
        assertProblem("staging", r -> {
            ObjectNode step = (ObjectNode) delivery(r).get("steps").get(2);
            step.put("weight", 20);
        }, "steps[2].weight", "20", "weights must increase from step to step (1-100); the steps' weights are [10, 25, 20]");
    }

    @Test
    void aWeightAbove100IsRefused() {
        assertProblem("staging", r -> ((ObjectNode) delivery(r).get("steps").get(2)).put("weight", 150),
                "steps[2].weight", "150", "must be from 1 to 100");
    }

    @Test
    void aStepWithoutWeightIsRefused() {
        assertProblem("staging", r -> ((ObjectNode) delivery(r).get("steps").get(0)).remove("weight"),
                "steps[0].weight", "<missing>", "is required");
    }

    @Test
    void anUnknownStrategyNamesTheThreeAllowed() {
        assertProblem("staging", r -> delivery(r).put("strategy", "linear"), "strategy", "'linear'",
                "must be one of rolling, canary, blueGreen");
    }

    @Test
    void productionMustNotReleaseWithoutAnalysis() {
        assertProblem("production", r -> delivery(r).removeAll().put("strategy", "rolling"), "strategy", "'rolling'",
                "production releases the agent only with automated analysis");
        assertProblem("production", r -> ((ObjectNode) delivery(r).get("analysis")).put("enabled", false),
                "analysis.enabled", "false", "production releases the agent only with automated analysis");
    }

    @Test
    void stacksWithoutTheControllerMustRoll() {
        assertProblem("pr", r -> delivery(r).put("strategy", "canary"), "strategy", "'canary'",
                "must be rolling on a ephemeral stack");
    }

    @Test
    void stepsAndAnalysisOnlyApplyWhereTheyHaveMeaning() {
        assertProblem("staging", r -> delivery(r).put("strategy", "blueGreen"), "steps", "(set)",
                "only applies with strategy canary");
        assertProblem("dev", r -> delivery(r).putObject("analysis").put("intervalSeconds", 60), "analysis", "(set)",
                "only applies with strategy canary or blueGreen");
    }

    @Test
    void anAnalysisIntervalShorterThanTwoScrapesIsRefused() {
        assertProblem("staging", r -> ((ObjectNode) delivery(r).get("analysis")).put("intervalSeconds", 15),
                "analysis.intervalSeconds", "15", "must be from 60 to 3600");
    }

    @Test
    void aMistypedKeyIsReported() {
        assertProblem("staging", r -> delivery(r).put("stratgy", "canary"), "stratgy", "(unknown setting)",
                "is not a setting of");
    }
}
