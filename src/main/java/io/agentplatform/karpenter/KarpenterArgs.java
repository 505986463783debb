package io.agentplatform.karpenter;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.agentplatform.cluster.IrsaIssuer;
import io.agentplatform.config.KarpenterSettings;

import java.util.List;

/**
 * Inputs of {@link Karpenter}.
 *
 * @param settings               controller replicas, the node class and the pools from config
 * @param clusterName            the cluster (known before it exists: the naming rule makes it)
 * @param clusterNameOutput      the same name taken from the cluster, so the access entry waits for it
 * @param region                 the region: the controller's permissions are scoped to it
 * @param clusterSecurityGroupId the security group EKS attaches to every node; tagged for discovery, so Karpenter's
 *                               nodes get it too and the data services admit them as they admit the managed nodes
 * @param irsa                   the cluster's OIDC provider, trusted by the controller's role
 * @param controllerCanRun       what the controller's pods wait for: the system node group, the CNI and kube-proxy
 */
public record KarpenterArgs(KarpenterSettings settings, String clusterName, Output<String> clusterNameOutput,
                            String region, Output<String> clusterSecurityGroupId, IrsaIssuer irsa,
                            List<Resource> controllerCanRun) {

    public KarpenterArgs {
        controllerCanRun = List.copyOf(controllerCanRun);
    }

    /** Karpenter v1.15.2 (2026-11-12, the newest release on that date); the chart's version is the app's. */
    public static final String CHART_VERSION = "1.15.2";
    /** The official OCI repository of both charts (karpenter.sh getting started, step "Install Karpenter"). */
    public static final String CHART_REPOSITORY = "oci://public.ecr.aws/karpenter";
    /** Where the charts put the controller; its service account is {@value #SERVICE_ACCOUNT}. */
    public static final String NAMESPACE = "kube-system";
    public static final String SERVICE_ACCOUNT = "karpenter";
    /** The one node class every pool uses. */
    public static final String NODE_CLASS = "default";
}
