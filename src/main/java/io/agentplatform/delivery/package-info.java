/**
 * Progressive delivery: the Argo Rollouts controller ({@link io.agentplatform.delivery.ArgoRollouts}) on platform
 * stacks, and its typed custom resources ({@link io.agentplatform.delivery.crd}). The agent's Rollout and analysis
 * are built by the workload ({@code workload.AgentRollout}, {@code workload.AgentAnalysis}) from
 * {@code agent.delivery}.
 *
 * <p>Why Argo Rollouts rather than Flagger: it splits traffic natively through the AWS Load Balancer Controller the
 * cluster already runs (weighted target groups via the Ingress' actions annotation, no service mesh and no extra
 * ingress controller), its analysis queries Prometheus directly with success conditions that can treat missing data
 * as failure, and a Rollout can reference the existing Deployment ({@code workloadRef}), so the Deployment stays
 * the one pod template every test and policy checks and existing stacks migrate without recreating pods. Flagger
 * would need App Mesh (end of support) or another router for ALB-level weights, and generates its own
 * Deployments and Services from the target.
 */
package io.agentplatform.delivery;
