package io.agentplatform.workload;

import com.pulumi.resources.Resource;

/**
 * What a progressive release of the agent needs from the platform: the controller that reconciles its Rollout and
 * where its analysis queries go.
 *
 * @param crdsReady     the Argo Rollouts release ({@link io.agentplatform.delivery.ArgoRollouts#crdsReady()}): the
 *                      Rollout and the AnalysisTemplate wait for it
 * @param prometheusUrl the Prometheus the analysis queries, e.g.
 *                      {@code http://kube-prometheus-stack-prometheus.monitoring.svc:9090}
 */
public record DeliveryController(Resource crdsReady, String prometheusUrl) {
    public DeliveryController {
        if (!prometheusUrl.matches("https?://[^\\s/]+(:\\d+)?")) {
            throw new IllegalArgumentException("prometheusUrl must be http(s)://host[:port], was " + prometheusUrl);
        }
    }
}
