package io.agentplatform.plan;

import io.agentplatform.StackPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed stacks' Karpenter pools in the estimate: a range, its low end counted, never zero. */
class KarpenterEstimatesTest {
    @ParameterizedTest
    @ValueSource(strings = {"dev", "staging", "production"})
    void everyPlatformStackShowsItsPoolAsARangeWithAPositiveLowEnd(String stack) {
        List<Estimate.CapacityRange> ranges = StackPlans.of(stack).estimate().capacityRanges();
        assertEquals(1, ranges.size());
        Estimate.CapacityRange r = ranges.get(0);
        assertTrue(r.lowUsd() > 0 && r.highUsd() > r.lowUsd(), r.toString());
        assertEquals(StackPlans.of(stack).estimate().byComponent().get("agent-platform-" + stack + "-karpenter"), r.lowUsd(), 0.01);
    }

    /** Issue 20: the same agent capacity for at most $250 a month (it was $360.78; arithmetic in docs/benchmarks.md). */
    @Test
    void devCostsAtMost250DollarsAMonth() {
        double dev = StackPlans.dev().estimate().monthlyUsd();
        assertTrue(dev <= 250, "dev: $" + dev);
    }
}
