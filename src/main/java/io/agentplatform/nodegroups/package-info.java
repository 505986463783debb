/**
 * Managed node groups keyed by name in config, each through a launch template that requires IMDSv2 with a hop
 * limit of 1 (pods cannot borrow the node's role; workloads use IRSA), an encrypted gp3 root volume and tagged
 * instances and volumes; nodes only in private subnets; one node role with only the managed policies nodes need.
 */
package io.agentplatform.nodegroups;
