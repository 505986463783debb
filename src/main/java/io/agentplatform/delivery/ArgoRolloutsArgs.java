package io.agentplatform.delivery;

import com.pulumi.resources.Resource;

import java.util.List;

/**
 * Inputs of {@link ArgoRollouts}.
 *
 * @param podsCanRun          nodes, CNI, kube-proxy and coredns: the release waits for these and nothing else
 * @param monitoringCrdsReady the release that installs the Prometheus Operator CRDs, for the controller's
 *                            ServiceMonitor
 */
public record ArgoRolloutsArgs(List<Resource> podsCanRun, Resource monitoringCrdsReady) {
    public ArgoRolloutsArgs {
        podsCanRun = List.copyOf(podsCanRun);
    }
}
