/**
 * The EKS control plane: secrets envelope encryption with a rotating customer-managed KMS key, control-plane logs
 * to an encrypted log group, private endpoint always on (public only with an allowlist), access entries for
 * administrators, the OIDC provider for IAM Roles for Service Accounts, and the Kubernetes provider everything on
 * the cluster deploys through. Cluster services (add-ons, storage class, metrics-server, AWS Load Balancer
 * Controller) are in {@link io.agentplatform.cluster.ClusterServices}, created once nodes exist.
 */
package io.agentplatform.cluster;
