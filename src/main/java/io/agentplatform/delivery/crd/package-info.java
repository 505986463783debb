/**
 * Typed custom resources of Argo Rollouts ({@code argoproj.io/v1alpha1}): {@code Rollout} and
 * {@code AnalysisTemplate}, built like {@link io.agentplatform.monitoring.crd} on
 * {@link io.agentplatform.core.k8s.CustomObject}.
 */
package io.agentplatform.delivery.crd;
