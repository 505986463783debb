package io.agentplatform.karpenter;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * @param nodeRoleArn       the role of Karpenter's nodes
 * @param interruptionQueue the SQS queue Karpenter reads interruption events from (its name)
 * @param nodePools         the pools: anything that runs pods on them waits for them, and so is deleted before them
 * @param names             the pools' keys, each stamped on its nodes as {@code node-role: <key>}
 */
public record KarpenterOutputs(Output<String> nodeRoleArn, Output<String> interruptionQueue, List<Resource> nodePools,
                               Set<String> names) {
    public KarpenterOutputs {
        nodePools = List.copyOf(nodePools);
        names = Set.copyOf(names);
    }

    /** The node selector that schedules pods on the named pool; a pool this stack does not build is refused. */
    public Map<String, String> selector(String pool) {
        if (!names.contains(pool)) {
            throw new IllegalArgumentException("no Karpenter node pool '" + pool + "' in this stack; pools: " + names);
        }
        return KarpenterSpecs.selector(pool);
    }
}
