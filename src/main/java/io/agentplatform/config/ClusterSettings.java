package io.agentplatform.config;

import java.util.Objects;

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

    /** Starts a ClusterSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.kubernetesVersion = kubernetesVersion;
        b.endpointPublicAccess = endpointPublicAccess;
        b.publicAccessCidrs = publicAccessCidrs;
        b.logRetentionDays = logRetentionDays;
        b.authenticationMode = authenticationMode;
        b.adminPrincipalArns = adminPrincipalArns;
        b.addonVersions = addonVersions;
        b.protect = protect;
        b.allowExtendedSupport = allowExtendedSupport;
        b.ciAccess = ciAccess;
        return b;
    }

    /** Named fields instead of 10 positional arguments. */
    public static final class Builder {
        private String kubernetesVersion;
        private boolean endpointPublicAccess;
        private List<String> publicAccessCidrs;
        private int logRetentionDays;
        private AuthenticationMode authenticationMode;
        private List<String> adminPrincipalArns;
        private Map<String, String> addonVersions;
        private boolean protect;
        private boolean allowExtendedSupport;
        private CiAccessSettings ciAccess;

        private Builder() {}

        public Builder kubernetesVersion(String kubernetesVersion) {
            this.kubernetesVersion = kubernetesVersion;
            return this;
        }

        public Builder endpointPublicAccess(boolean endpointPublicAccess) {
            this.endpointPublicAccess = endpointPublicAccess;
            return this;
        }

        public Builder publicAccessCidrs(List<String> publicAccessCidrs) {
            this.publicAccessCidrs = publicAccessCidrs;
            return this;
        }

        public Builder logRetentionDays(int logRetentionDays) {
            this.logRetentionDays = logRetentionDays;
            return this;
        }

        public Builder authenticationMode(AuthenticationMode authenticationMode) {
            this.authenticationMode = authenticationMode;
            return this;
        }

        public Builder adminPrincipalArns(List<String> adminPrincipalArns) {
            this.adminPrincipalArns = adminPrincipalArns;
            return this;
        }

        public Builder addonVersions(Map<String, String> addonVersions) {
            this.addonVersions = addonVersions;
            return this;
        }

        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        public Builder allowExtendedSupport(boolean allowExtendedSupport) {
            this.allowExtendedSupport = allowExtendedSupport;
            return this;
        }

        public Builder ciAccess(CiAccessSettings ciAccess) {
            this.ciAccess = ciAccess;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public ClusterSettings build() {
            Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
            Objects.requireNonNull(publicAccessCidrs, "publicAccessCidrs");
            Objects.requireNonNull(authenticationMode, "authenticationMode");
            Objects.requireNonNull(adminPrincipalArns, "adminPrincipalArns");
            Objects.requireNonNull(addonVersions, "addonVersions");
            Objects.requireNonNull(ciAccess, "ciAccess");
            return new ClusterSettings(kubernetesVersion, endpointPublicAccess, publicAccessCidrs,
                    logRetentionDays, authenticationMode, adminPrincipalArns, addonVersions, protect,
                    allowExtendedSupport, ciAccess);
        }
    }
}
