package io.agentplatform.config;

import java.util.Objects;

import java.util.List;
import java.util.Map;

/**
 * One managed node group, keyed by a stable name in config (never a list index).
 *
 * @param instanceTypes  at least one; several let spot capacity find a pool
 * @param capacityType   {@code onDemand} or {@code spot}
 * @param minSize        smallest size of the group (no autoscaler runs on managed groups; Karpenter scales workloads)
 * @param maxSize        largest size
 * @param desiredSize    initial size, within [min, max]
 * @param diskSizeGiB    encrypted gp3 root volume size
 * @param maxUnavailable nodes replaced at once during an update
 * @param labels         further Kubernetes node labels; {@value #ROLE_LABEL} is not one of them: every group carries
 *                       {@code node-role: <its name>}, stamped by the node groups component
 * @param taints         Kubernetes node taints
 */
public record NodeGroupSettings(
        List<String> instanceTypes,
        CapacityType capacityType,
        int minSize,
        int maxSize,
        int desiredSize,
        int diskSizeGiB,
        int maxUnavailable,
        Map<String, String> labels,
        List<Taint> taints) {

    public enum CapacityType { ON_DEMAND, SPOT }

    public enum TaintEffect { NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE }

    public record Taint(String key, String value, TaintEffect effect) {}

    /** The group the cluster services run on. */
    public static final String SYSTEM = "system";
    /** Node groups every platform stack must define; workloads run on Karpenter's nodes ({@link KarpenterSettings}). */
    public static final List<String> REQUIRED_GROUPS = List.of(SYSTEM);
    /** Node label naming a node's group, set from the group's key so selectors and validation cannot drift apart. */
    public static final String ROLE_LABEL = "node-role";

    /**
     * Whether every instance type is a Graviton (arm64) type: its family's attribute letters after the generation
     * contain {@code g} (t4g, m7g, c6gn, r8g, is4gen), unlike m7i, m7a or g5.
     */
    public boolean graviton() {
        return instanceTypes.stream().allMatch(t -> t.substring(0, Math.max(0, t.indexOf('.')))
                .matches("[a-z]+\\d+[a-z-]*g[a-z-]*"));
    }

    /** Starts a NodeGroupSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.instanceTypes = instanceTypes;
        b.capacityType = capacityType;
        b.minSize = minSize;
        b.maxSize = maxSize;
        b.desiredSize = desiredSize;
        b.diskSizeGiB = diskSizeGiB;
        b.maxUnavailable = maxUnavailable;
        b.labels = labels;
        b.taints = taints;
        return b;
    }

    /** Named fields instead of 9 positional arguments. */
    public static final class Builder {
        private List<String> instanceTypes;
        private CapacityType capacityType;
        private int minSize;
        private int maxSize;
        private int desiredSize;
        private int diskSizeGiB;
        private int maxUnavailable;
        private Map<String, String> labels;
        private List<Taint> taints;

        private Builder() {}

        public Builder instanceTypes(List<String> instanceTypes) {
            this.instanceTypes = instanceTypes;
            return this;
        }

        public Builder capacityType(CapacityType capacityType) {
            this.capacityType = capacityType;
            return this;
        }

        public Builder minSize(int minSize) {
            this.minSize = minSize;
            return this;
        }

        public Builder maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        public Builder desiredSize(int desiredSize) {
            this.desiredSize = desiredSize;
            return this;
        }

        public Builder diskSizeGiB(int diskSizeGiB) {
            this.diskSizeGiB = diskSizeGiB;
            return this;
        }

        public Builder maxUnavailable(int maxUnavailable) {
            this.maxUnavailable = maxUnavailable;
            return this;
        }

        public Builder labels(Map<String, String> labels) {
            this.labels = labels;
            return this;
        }

        public Builder taints(List<Taint> taints) {
            this.taints = taints;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public NodeGroupSettings build() {
            Objects.requireNonNull(instanceTypes, "instanceTypes");
            Objects.requireNonNull(capacityType, "capacityType");
            Objects.requireNonNull(labels, "labels");
            Objects.requireNonNull(taints, "taints");
            return new NodeGroupSettings(instanceTypes, capacityType, minSize, maxSize, desiredSize, diskSizeGiB,
                    maxUnavailable, labels, taints);
        }
    }
}
