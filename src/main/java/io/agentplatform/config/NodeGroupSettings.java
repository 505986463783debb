package io.agentplatform.config;

import java.util.List;
import java.util.Map;

/**
 * One managed node group, keyed by a stable name in config (never a list index).
 *
 * @param instanceTypes  at least one; several let spot capacity find a pool
 * @param capacityType   {@code onDemand} or {@code spot}
 * @param minSize        smallest size the autoscaler may shrink to
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
}
