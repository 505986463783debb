/**
 * Karpenter: nodes that follow the load. The controller runs on the {@code system} managed node group with an IRSA
 * role scoped as the upstream reference policy scopes it; an SQS queue fed by EventBridge tells it of spot
 * interruptions, rebalance recommendations, instance state changes and scheduled AWS Health events; an EC2NodeClass
 * and NodePools from config describe the nodes it may launch. See docs/capacity.md.
 */
package io.agentplatform.karpenter;
