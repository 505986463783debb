package io.agentplatform.config;

import java.util.List;
import java.util.Optional;

/**
 * One Karpenter NodePool (karpenter.sh/v1), keyed by a stable name in config.
 *
 * @param capacityTypes        {@code spot} and/or {@code onDemand} (default onDemand; spot is an opt-in); with both,
 *                             Karpenter launches spot and falls back to on-demand
 * @param architectures        {@code amd64} and/or {@code arm64} the images running on the pool are built for
 *                             (default amd64)
 * @param instanceCategories   EC2 instance categories, e.g. {@code [c, m, r]} (default {@code [c, m, r]})
 * @param minInstanceGeneration smallest instance generation (default 6: m6i, c7i, r7g, ...)
 * @param cpuLimit             total vCPU the pool may launch (a Kubernetes quantity); required, so a runaway
 *                             scale-out has a ceiling
 * @param memoryLimit          total memory the pool may launch (a quantity such as {@code 64Gi}); required
 * @param expectedMinimumCpu    vCPU the pool holds at rest (its pods at their minimum replicas); the cost estimate's
 *                             low end, never zero
 * @param expectedMinimumMemory memory the pool holds at rest, likewise
 * @param consolidationPolicy  {@code whenEmptyOrUnderutilized} (default) or {@code whenEmpty}
 * @param consolidateAfter     how long a node must be empty or underutilized before it goes (Go duration, default 1m)
 * @param expireAfter          a node's maximum lifetime, so nodes pick up new AMIs and patches (default 720h)
 * @param budgets              disruption budgets; default one budget of 10 % of the nodes at a time
 */
public record NodePoolSettings(
        List<CapacityType> capacityTypes,
        List<String> architectures,
        List<String> instanceCategories,
        int minInstanceGeneration,
        String cpuLimit,
        String memoryLimit,
        String expectedMinimumCpu,
        String expectedMinimumMemory,
        ConsolidationPolicy consolidationPolicy,
        String consolidateAfter,
        String expireAfter,
        List<Budget> budgets) {

    public NodePoolSettings {
        capacityTypes = List.copyOf(capacityTypes);
        architectures = List.copyOf(architectures);
        instanceCategories = List.copyOf(instanceCategories);
        budgets = List.copyOf(budgets);
    }

    public enum CapacityType {
        SPOT("spot"), ON_DEMAND("on-demand");

        /** The value of the {@code karpenter.sh/capacity-type} label. */
        public final String label;

        CapacityType(String label) {
            this.label = label;
        }
    }

    public enum ConsolidationPolicy {
        WHEN_EMPTY_OR_UNDERUTILIZED("WhenEmptyOrUnderutilized"), WHEN_EMPTY("WhenEmpty");

        /** The spelling of the NodePool API. */
        public final String api;

        ConsolidationPolicy(String api) {
            this.api = api;
        }
    }

    /** Why Karpenter disrupts a node (the NodePool API's reasons). */
    public enum DisruptionReason {
        UNDERUTILIZED("Underutilized"), EMPTY("Empty"), DRIFTED("Drifted");

        public final String api;

        DisruptionReason(String api) {
            this.api = api;
        }
    }

    /**
     * At most {@code nodes} nodes (a count or a percentage) disrupted at once, for the given reasons (all when empty);
     * with a schedule (cron, UTC) and duration the budget holds only in that window: {@code nodes: "0"} during
     * working hours keeps voluntary disruption out of them.
     */
    public record Budget(String nodes, Optional<String> schedule, Optional<String> duration, List<DisruptionReason> reasons) {
        public Budget {
            reasons = List.copyOf(reasons);
        }
    }
}
