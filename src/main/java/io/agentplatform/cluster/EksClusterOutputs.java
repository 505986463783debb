package io.agentplatform.cluster;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;

/**
 * What the rest of the platform needs from the cluster.
 *
 * @param kubernetesProvider provider for everything deployed to the cluster, configured from the cluster's outputs
 * @param kubeconfig         kubeconfig using {@code aws eks get-token}; a secret
 */
public record EksClusterOutputs(
        Output<String> clusterName,
        Output<String> endpoint,
        Output<String> certificateAuthority,
        Output<String> kubeconfig,
        Output<String> oidcProviderArn,
        Output<String> oidcProviderUrl,
        Output<String> clusterSecurityGroupId,
        Output<String> kmsKeyArn,
        Provider kubernetesProvider) {

    /** What an IAM role for a service account needs to trust this cluster. */
    public IrsaIssuer irsa() {
        return new IrsaIssuer(oidcProviderArn, oidcProviderUrl);
    }
}
