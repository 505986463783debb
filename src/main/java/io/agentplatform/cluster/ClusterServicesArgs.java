package io.agentplatform.cluster;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link ClusterServices}.
 *
 * @param clusterName   the cluster
 * @param vpcId         VPC of the cluster (likewise)
 * @param addonVersions pinned EKS add-on versions by add-on name
 * @param irsa          the cluster's OIDC provider, trusted by the service-account roles created here
 * @param nodesReady    node groups: coredns, the EBS CSI driver and Helm releases wait for them
 */
public record ClusterServicesArgs(Output<String> clusterName, Output<String> vpcId,
                                  Map<String, String> addonVersions, IrsaIssuer irsa, List<? extends Resource> nodesReady) {

    /** Pinned Helm chart of metrics-server (app 0.7.2); the HPA reads CPU and memory through it. */
    public static final String METRICS_SERVER_CHART = "3.12.2";
    /** Pinned Helm chart of the AWS Load Balancer Controller (app v2.13.3): Ingress → ALB, Service → NLB. */
    public static final String LOAD_BALANCER_CONTROLLER_CHART = "1.13.3";
    /** The default StorageClass every persistent volume of the platform uses. */
    public static final String STORAGE_CLASS = "gp3";
}
