package io.agentplatform.monitoring;

import io.agentplatform.core.ClasspathFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the monitoring stack's pods on the nodes named by a selector (the Karpenter workloads pool), at each chart's
 * own key for each workload it runs. DaemonSets (node-exporter, Alloy) stay on every node. No selector: unchanged.
 */
final class NodePlacement {
    /** kube-prometheus-stack: Prometheus, Alertmanager, Grafana, the operator (and its webhook job), kube-state-metrics. */
    static final List<List<String>> KUBE_PROMETHEUS_STACK = List.of(
            List.of("prometheus", "prometheusSpec"), List.of("alertmanager", "alertmanagerSpec"), List.of("grafana"),
            List.of("prometheusOperator"), List.of("prometheusOperator", "admissionWebhooks", "patch"),
            List.of("kube-state-metrics"));
    /** Loki in monolithic mode: the single binary and the gateway. */
    static final List<List<String>> LOKI = List.of(List.of("singleBinary"), List.of("gateway"));

    private NodePlacement() {}

    static Map<String, Object> kubePrometheusStack(Map<String, Object> values, Map<String, String> selector) {
        return place(values, selector, KUBE_PROMETHEUS_STACK);
    }

    static Map<String, Object> loki(Map<String, Object> values, Map<String, String> selector) {
        return place(values, selector, LOKI);
    }

    private static Map<String, Object> place(Map<String, Object> values, Map<String, String> selector,
                                             List<List<String>> paths) {
        if (selector.isEmpty()) {
            return values;
        }
        Map<String, Object> result = values;
        for (List<String> path : paths) {
            Map<String, Object> overlay = new LinkedHashMap<>(Map.of("nodeSelector", selector));
            for (int i = path.size() - 1; i >= 0; i--) {
                overlay = new LinkedHashMap<>(Map.of(path.get(i), overlay));
            }
            result = ClasspathFiles.merge(result, overlay);
        }
        return result;
    }
}
