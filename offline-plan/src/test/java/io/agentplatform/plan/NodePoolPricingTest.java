package io.agentplatform.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Karpenter pool is priced as a range from its expected minimum to its limits, never as zero. */
class NodePoolPricingTest {
    private static final String COMPONENT = "agent-platform:k8s:Karpenter";

    private static Map<String, Object> pool(List<String> capacityTypes, Map<String, String> limits, Map<String, String> expected) {
        return Map.of(
                "metadata", Map.of("name", "workloads", "annotations", Map.of(
                        NodePoolPricing.EXPECTED_CPU, expected.getOrDefault("cpu", ""),
                        NodePoolPricing.EXPECTED_MEMORY, expected.getOrDefault("memory", ""))),
                "spec", Map.of(
                        "limits", limits,
                        "template", Map.of("spec", Map.of(
                                "nodeClassRef", Map.of("name", "default"),
                                "requirements", List.of(
                                        Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", capacityTypes),
                                        Map.of("key", "kubernetes.io/arch", "operator", "In", "values", List.of("amd64")),
                                        Map.of("key", "karpenter.k8s.aws/instance-category", "operator", "In", "values", List.of("m")),
                                        Map.of("key", "karpenter.k8s.aws/instance-generation", "operator", "Gt", "values", List.of("6")))))));
    }

    private static Plan plan(Map<String, Object> poolInputs) {
        return new TinyPlans("t").provider("eu-west-1").component(COMPONENT, "karpenter")
                .resource(NodePoolPricing.NODE_CLASS, "node-class", COMPONENT, "karpenter", Map.of(
                        "metadata", Map.of("name", "default"),
                        "spec", Map.of("blockDeviceMappings", List.of(Map.of("deviceName", "/dev/xvda", "rootVolume", true,
                                "ebs", Map.of("volumeSize", "50Gi", "encrypted", true))))))
                .resource(NodePoolPricing.NODE_POOL, "pool", COMPONENT, "karpenter", poolInputs)
                .plan();
    }

    @Test
    void anOnDemandPoolCostsWholeNodesOfTheCheapestAllowedTypeAtEachEnd() {
        // m7 of generation > 6 and amd64 in the table: m7i.large (2 vCPU, 8 GiB, 0.1124/h) and m7i.xlarge (4, 16, 0.2247).
        Estimate e = Estimate.of(plan(pool(List.of("on-demand"), Map.of("cpu", "16", "memory", "64Gi"),
                Map.of("cpu", "3", "memory", "8Gi"))));
        Estimate.CapacityRange range = e.capacityRanges().get(0);
        // 3 vCPU: 2 × m7i.large = 2 × (0.1124 × 730 + 50 × 0.088) = 172.90; 1 × m7i.xlarge = 164.03 + 4.40 = 168.43.
        assertEquals("m7i.xlarge", range.lowInstanceType());
        assertEquals(1, range.lowNodes());
        assertEquals(168.43, range.lowUsd(), 0.01);
        // 16 vCPU / 64 GiB: 4 × m7i.xlarge = 673.72 beats 8 × m7i.large = 691.58.
        assertEquals(4, range.highNodes());
        assertEquals(673.72, range.highUsd(), 0.01);
        assertEquals(168.43, e.monthlyUsd(), 0.01, "the low end counts in the total");
        assertEquals(Map.of("karpenter", 168.43), e.byComponent());
    }

    @Test
    void aPoolThatAllowsSpotIsPricedAtTheSpotFactor() {
        Estimate onDemand = Estimate.of(plan(pool(List.of("on-demand"), Map.of("cpu", "4", "memory", "16Gi"),
                Map.of("cpu", "4", "memory", "16Gi"))));
        Estimate spot = Estimate.of(plan(pool(List.of("spot", "on-demand"), Map.of("cpu", "4", "memory", "16Gi"),
                Map.of("cpu", "4", "memory", "16Gi"))));
        double volumes = 50 * 0.088;
        assertEquals((onDemand.monthlyUsd() - volumes) * 0.40, spot.monthlyUsd() - volumes, 0.02);
        assertTrue(spot.capacityRanges().get(0).spot());
    }

    @Test
    void aPoolWithoutLimitsOrExpectedMinimumIsUnpricedWithTheReasonNeverZero() {
        Estimate e = Estimate.of(plan(pool(List.of("on-demand"), Map.of(), Map.of())));
        assertEquals(List.of(), e.capacityRanges());
        assertTrue(e.unpriced().stream().anyMatch(u -> u.type().equals(NodePoolPricing.NODE_POOL)
                && u.reason().contains("limits.cpu and limits.memory") && u.reason().contains("expected-minimum")), e.unpriced().toString());
    }
}
