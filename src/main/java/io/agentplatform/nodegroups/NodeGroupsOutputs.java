package io.agentplatform.nodegroups;

import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.core.Output;

import java.util.List;

/**
 * @param nodeRoleArn the IAM role of every node
 * @param nodeGroups  the node groups, for resources that must wait until nodes exist (coredns, workloads)
 */
public record NodeGroupsOutputs(Output<String> nodeRoleArn, List<NodeGroup> nodeGroups) {
}
