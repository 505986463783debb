package io.agentplatform.nodegroups;

import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.core.Output;
import io.agentplatform.config.NodeGroupSettings;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * @param nodeRoleArn the IAM role of every node
 * @param nodeGroups  the node groups, for resources that must wait until nodes exist (coredns, workloads)
 * @param names       the groups' keys, each stamped on its nodes as {@code node-role: <key>}
 */
public record NodeGroupsOutputs(Output<String> nodeRoleArn, List<NodeGroup> nodeGroups, Set<String> names) {
    public NodeGroupsOutputs {
        nodeGroups = List.copyOf(nodeGroups);
        names = Set.copyOf(names);
    }

    /** The node selector that schedules pods on the named group; a group this stack does not build is refused. */
    public Map<String, String> selector(String group) {
        if (!names.contains(group)) {
            throw new IllegalArgumentException("no node group '" + group + "' in this stack; groups: " + names);
        }
        return Map.of(NodeGroupSettings.ROLE_LABEL, group);
    }
}
