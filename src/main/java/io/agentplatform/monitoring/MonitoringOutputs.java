package io.agentplatform.monitoring;

import com.pulumi.core.Output;

/**
 * What the rest of the platform (and its operators) need from the monitoring stack.
 *
 * @param namespace           namespace of the stack ({@code monitoring})
 * @param grafanaUrl          how to reach Grafana; without an ingress, the {@code kubectl port-forward} command
 * @param prometheusService   in-cluster address of Prometheus, {@code <service>.<namespace>.svc:9090}
 * @param alertmanagerService in-cluster address of Alertmanager, {@code <service>.<namespace>.svc:9093}
 */
public record MonitoringOutputs(String namespace, Output<String> grafanaUrl, String prometheusService,
                                String alertmanagerService) {
}
