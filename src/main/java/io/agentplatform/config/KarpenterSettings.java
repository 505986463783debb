package io.agentplatform.config;

import java.util.Map;

/**
 * Karpenter on a platform stack: the controller (on the {@code system} managed node group), one EC2NodeClass and the
 * NodePools that launch the nodes workloads run on.
 *
 * @param controllerReplicas controller pods (default 2: one leads, one stands by; spread over the system nodes)
 * @param nodeClass          how every Karpenter node is launched (AMI, root volume)
 * @param nodePools          pools keyed by a stable name; each stamps {@code node-role: <name>} on its nodes, which is
 *                           how workloads select it (the agent and the monitoring stack run on {@link #WORKLOADS})
 */
public record KarpenterSettings(int controllerReplicas, NodeClassSettings nodeClass, Map<String, NodePoolSettings> nodePools) {

    /** The pool the agent and the monitoring stack run on; every platform stack defines it. */
    public static final String WORKLOADS = "workloads";

    public KarpenterSettings {
        nodePools = Map.copyOf(nodePools);
    }

    /**
     * @param amiAlias      a pinned EKS-optimized AMI alias {@code <family>@v<YYYYMMDD>} (never {@code @latest}: an AMI
     *                      release would otherwise roll every node unplanned)
     * @param rootVolumeGiB encrypted gp3 root volume of each node
     */
    public record NodeClassSettings(String amiAlias, int rootVolumeGiB) {}
}
