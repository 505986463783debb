/** Typed Karpenter custom objects (EC2NodeClass, NodePool) over {@link io.agentplatform.core.k8s.CustomObject}. */
package io.agentplatform.karpenter.crd;
