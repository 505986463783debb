package io.agentplatform.monitoring;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResourceOptions;
import io.agentplatform.core.PlatformComponent;
import io.agentplatform.core.PlatformContext;
import io.agentplatform.monitoring.crd.PrometheusRule;
import io.agentplatform.monitoring.crd.ServiceMonitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the agent is watched: its ServiceMonitor (scrape {@code /metrics} on the named management port of the
 * Services matching the agent's labels) and its PrometheusRule (SLO burn-rate, latency and pod-health alerts, see
 * {@link AgentAlerts}). The agent workload creates it next to its Service, with the Kubernetes provider.
 */
public final class AgentObservability extends PlatformComponent {
    public static final String TYPE = "agent-platform:k8s:AgentObservability";
    /** The agent's management server serves Prometheus metrics here (app README, "Runtime contract"). */
    public static final String METRICS_PATH = "/metrics";

    public AgentObservability(AgentObservabilityArgs args, PlatformContext platform, ComponentResourceOptions options) {
        super(TYPE, "agent-observability", platform, options);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/part-of", "agent");
        labels.put("app.kubernetes.io/managed-by", "pulumi");

        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("port", args.metricsPortName());
        endpoint.put("path", METRICS_PATH);
        endpoint.put("interval", "30s");
        endpoint.put("scrapeTimeout", "10s");
        // A stable job label for every series, whatever the Service is called: the alerts select on it.
        // The pods' version label (Argo Rollouts' rollouts-pod-template-hash) on every series, so alerts, the
        // dashboard and the canary analysis tell the stable and the canary version apart.
        endpoint.put("relabelings", List.of(Map.of(
                "action", "replace",
                "targetLabel", "job",
                "replacement", args.job()), Map.of(
                "action", "replace",
                "sourceLabels", List.of("__meta_kubernetes_pod_label_rollouts_pod_template_hash"),
                "targetLabel", AgentSlo.VERSION_LABEL)));
        Map<String, Object> monitorSpec = new LinkedHashMap<>();
        monitorSpec.put("selector", Map.of("matchLabels", args.serviceSelector()));
        monitorSpec.put("namespaceSelector", Map.of("matchNames", List.of(args.namespace())));
        monitorSpec.put("endpoints", List.of(endpoint));

        new ServiceMonitor(name("service-monitor"), ObjectMetaArgs.builder()
                .name(args.job())
                .namespace(args.namespace())
                .labels(labels)
                .build(), Output.of(monitorSpec), childBuilder().dependsOn(args.dependencies()).build());

        new PrometheusRule(name("rules"), ObjectMetaArgs.builder()
                .name(args.job() + "-alerts")
                .namespace(args.namespace())
                .labels(labels)
                .build(), Output.of(AgentAlerts.spec(args)), childBuilder().dependsOn(args.dependencies()).build());
        registerOutputs(Map.of());
    }
}
