package io.agentplatform.config;

import java.util.List;
import java.util.Map;

/**
 * The EKS control plane and the cluster services every workload relies on.
 *
 * @param kubernetesVersion    EKS minor version, e.g. {@code 1.33}
 * @param endpointPublicAccess whether the API server is reachable from the internet (the private endpoint is always on)
 * @param publicAccessCidrs    who may reach the public endpoint; required when it is on; production refuses 0.0.0.0/0
 * @param logRetentionDays     CloudWatch retention of control-plane logs (api, audit, authenticator, ...)
 * @param authenticationMode   {@code api} or {@code apiAndConfigMap}: access entries, not the aws-auth ConfigMap alone
 * @param adminPrincipalArns   IAM roles/users granted cluster-admin through access entries
 * @param addonVersions        pinned EKS add-on versions by add-on name (vpc-cni, coredns, kube-proxy, aws-ebs-csi-driver);
 *                             they follow the Kubernetes version, so they live beside it in each stack file
 * @param protect              Pulumi {@code protect} on the cluster and its secrets key (default: production)
 * @param allowExtendedSupport accept a version past EKS standard support (default false): the cluster's upgrade
 *                             policy becomes EXTENDED (EKS keeps the version, at the extended-support price) instead of
 *                             STANDARD (EKS upgrades the cluster itself at the end of standard support)
 * @param ciAccess             how CI reaches the API and which CI roles get which access entry (required)
 */
public record ClusterSettings(
        String kubernetesVersion,
        boolean endpointPublicAccess,
        List<String> publicAccessCidrs,
        int logRetentionDays,
        AuthenticationMode authenticationMode,
        List<String> adminPrincipalArns,
        Map<String, String> addonVersions,
        boolean protect,
        boolean allowExtendedSupport,
        CiAccessSettings ciAccess) {

    public enum AuthenticationMode { API, API_AND_CONFIG_MAP }

    /** The EKS upgrade-policy support type that follows from {@link #allowExtendedSupport}. */
    public String supportType() {
        return allowExtendedSupport ? "EXTENDED" : "STANDARD";
    }

    /** Add-ons every cluster gets; each needs a pinned version in config. */
    public static final List<String> REQUIRED_ADDONS = List.of("vpc-cni", "coredns", "kube-proxy", "aws-ebs-csi-driver");
}
