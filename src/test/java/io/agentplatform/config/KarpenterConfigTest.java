package io.agentplatform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.agentplatform.config.BrokenConfigTest.broken;
import static io.agentplatform.config.BrokenConfigTest.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code karpenter} section: what the committed stacks say, and every bad value named with what is allowed. */
class KarpenterConfigTest {

    static ObjectNode pool(Map<String, JsonNode> raw) {
        return (ObjectNode) section(raw, "karpenter").get("nodePools").get("workloads");
    }

    static ObjectNode nodeClass(Map<String, JsonNode> raw) {
        return (ObjectNode) section(raw, "karpenter").get("nodeClass");
    }

    static Stream<Arguments> brokenInputs() {
        return Stream.of(
                Arguments.of("no karpenter section on a platform stack", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> r.remove("agent-platform:karpenter"),
                        "agent-platform:karpenter", "is required for platform stacks"),
                Arguments.of("an AMI alias that follows every release", "production",
                        (Consumer<Map<String, JsonNode>>) r -> nodeClass(r).put("amiAlias", "al2023@latest"),
                        "agent-platform:karpenter.nodeClass.amiAlias", "must pin an AMI release"),
                Arguments.of("an AMI alias of no known family", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> nodeClass(r).put("amiAlias", "ubuntu-22.04"),
                        "agent-platform:karpenter.nodeClass.amiAlias", "family al2023 or bottlerocket"),
                Arguments.of("a root volume below the AMI's own size", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> nodeClass(r).put("rootVolumeGiB", 8),
                        "agent-platform:karpenter.nodeClass.rootVolumeGiB", "must be from 20 to 1000"),
                Arguments.of("no workloads pool", "staging",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "karpenter").get("nodePools")).remove("workloads"),
                        "agent-platform:karpenter.nodePools.workloads", "the agent and the monitoring stack run on it"),
                Arguments.of("a pool named like a managed node group", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) section(r, "karpenter").get("nodePools"))
                                .set("system", pool(r).deepCopy()),
                        "agent-platform:karpenter.nodePools.system", "is also a managed node group"),
                Arguments.of("an unknown capacity type", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).putArray("capacityTypes").add("preemptible"),
                        "agent-platform:karpenter.nodePools.workloads.capacityTypes", "must be one of spot, onDemand"),
                Arguments.of("an unknown architecture", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).putArray("architectures").add("x86_64"),
                        "agent-platform:karpenter.nodePools.workloads.architectures", "must be amd64 or arm64"),
                Arguments.of("a pool without limits", "production",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).remove("limits"),
                        "agent-platform:karpenter.nodePools.workloads.limits.cpu", "is required: a CPU quantity"),
                Arguments.of("a memory limit in a unit Kubernetes reads differently", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("limits")).put("memory", "32GB"),
                        "agent-platform:karpenter.nodePools.workloads.limits.memory", "in Mi, Gi or Ti"),
                Arguments.of("an expected minimum above the limits", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("expectedMinimum")).put("cpu", "16"),
                        "agent-platform:karpenter.nodePools.workloads.expectedMinimum.cpu", "must not exceed the pool's limits.cpu"),
                Arguments.of("no expected minimum (the estimate's low end)", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).remove("expectedMinimum"),
                        "agent-platform:karpenter.nodePools.workloads.expectedMinimum.memory", "is required"),
                Arguments.of("an expiry in days, which Go durations do not have", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).put("expireAfter", "30d"),
                        "agent-platform:karpenter.nodePools.workloads.expireAfter", "a duration such as 720h, or Never"),
                Arguments.of("an unknown consolidation policy", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption")).put("consolidationPolicy", "always"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.consolidationPolicy",
                        "must be one of whenEmptyOrUnderutilized, whenEmpty"),
                Arguments.of("a budget over 100 %", "production",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption").get("budgets").get(0)).put("nodes", "150%"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.budgets[0].nodes", "a percentage from 0% to 100%"),
                Arguments.of("a scheduled budget without a duration", "production",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption").get("budgets").get(1)).remove("duration"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.budgets[1].duration", "schedule and duration go together"),
                Arguments.of("a budget duration in seconds", "production",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption").get("budgets").get(1)).put("duration", "3600s"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.budgets[1].duration", "hours and/or minutes"),
                Arguments.of("a schedule that is not cron", "production",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption").get("budgets").get(1)).put("schedule", "weekdays"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.budgets[1].schedule", "a cron schedule in UTC"),
                Arguments.of("an unknown disruption reason", "production",
                        (Consumer<Map<String, JsonNode>>) r -> ((ObjectNode) pool(r).get("disruption").get("budgets").get(1)).putArray("reasons").add("expired"),
                        "agent-platform:karpenter.nodePools.workloads.disruption.budgets[1].reasons", "must be one of underutilized, empty, drifted"),
                Arguments.of("a mistyped pool setting", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> pool(r).put("expiresAfter", "720h"),
                        "agent-platform:karpenter.nodePools.workloads.expiresAfter", "is not a setting of"),
                Arguments.of("karpenter on a local stack", "local",
                        (Consumer<Map<String, JsonNode>>) r -> r.put("agent-platform:karpenter", TextNode.valueOf("{}")),
                        "agent-platform:karpenter", "only platform stacks"),
                Arguments.of("the workloads group back beside the pool", "dev",
                        (Consumer<Map<String, JsonNode>>) r -> section(r, "nodeGroups").set("workloads", section(r, "nodeGroups").get("system").deepCopy()),
                        "agent-platform:karpenter.nodePools.workloads", "delete nodeGroups.workloads"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenInputs")
    void brokenKarpenterInputIsRejectedWithSettingValueAndWhatIsAllowed(String why, String stack,
                                                                         Consumer<Map<String, JsonNode>> breakIt,
                                                                         String setting, String expectedText) {
        InvalidConfigException e = broken(stack, breakIt);
        assertTrue(e.problems().stream().anyMatch(p -> p.setting().equals(setting) && p.message().contains(expectedText)),
                () -> "expected a problem for " + setting + " mentioning \"" + expectedText + "\" but got:\n" + e.getMessage());
    }

    @Test
    void productionLeavesCapacityTypesToTheOnDemandDefaultAndDevOptsIntoSpot() {
        NodePoolSettings production = StackPlans.config("production").requireAws().karpenter().nodePools().get("workloads");
        assertEquals(List.of(NodePoolSettings.CapacityType.ON_DEMAND), production.capacityTypes());
        NodePoolSettings dev = StackPlans.config("dev").requireAws().karpenter().nodePools().get("workloads");
        assertEquals(List.of(NodePoolSettings.CapacityType.SPOT, NodePoolSettings.CapacityType.ON_DEMAND), dev.capacityTypes());
    }

    @Test
    void aPoolWithoutBudgetsGetsTenPercentAtATime() {
        NodePoolSettings dev = StackPlans.config("dev").requireAws().karpenter().nodePools().get("workloads");
        assertEquals(List.of(new NodePoolSettings.Budget("10%", Optional.empty(), Optional.empty(), List.of())), dev.budgets());
    }
}
