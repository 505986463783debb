/**
 * In-cluster stand-ins for RDS and ElastiCache, for ephemeral (per pull request) and local stacks: one PostgreSQL
 * and one Valkey as typed Kubernetes StatefulSets in the agent's namespace. They keep data in emptyDir volumes on
 * purpose: a preview environment must cost next to nothing and leave no EBS volume behind after
 * {@code pulumi destroy} (volumes from volumeClaimTemplates outlive their StatefulSet). They run under the
 * restricted Pod Security profile like the agent itself; only the agent's pods may reach them.
 */
package io.agentplatform.incluster;
