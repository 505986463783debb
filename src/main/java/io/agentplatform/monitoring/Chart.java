package io.agentplatform.monitoring;

/**
 * An exactly pinned Helm chart and the fixed name of its release.
 *
 * @param chart      chart name in the repository
 * @param version    exact chart version (never a range: two deployments of one commit must install the same chart)
 * @param repository HTTPS chart repository
 * @param release    Helm release name; service names derive from it, so it never changes
 */
public record Chart(String chart, String version, String repository, String release) {

    /**
     * The Prometheus Operator CRDs (group monitoring.coreos.com) alone, as templates, so Helm also upgrades them.
     * 31.0.1 ships operator v0.93.1, the operator {@link #KUBE_PROMETHEUS_STACK} runs, with the same CRD files
     * (prometheus-community/helm-charts charts/prometheus-operator-crds/Chart.yaml, {@code appVersion: v0.93.1}).
     * Its release record lives in {@code kube-system}: it needs neither the monitoring namespace nor a node.
     */
    public static final Chart PROMETHEUS_OPERATOR_CRDS = new Chart("prometheus-operator-crds", "31.0.1",
            "https://prometheus-community.github.io/helm-charts", "prometheus-operator-crds");

    /**
     * kube-prometheus-stack: Prometheus Operator, Prometheus, Alertmanager, Grafana, kube-state-metrics,
     * node-exporter (its CRDs come with {@link #PROMETHEUS_OPERATOR_CRDS}: {@code crds.enabled: false}). 88.5.3
     * (operator v0.93.1) is the newest release in prometheus-community/helm-charts
     * (charts/kube-prometheus-stack/Chart.yaml).
     */
    public static final Chart KUBE_PROMETHEUS_STACK = new Chart("kube-prometheus-stack", "88.5.3",
            "https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack");

    /**
     * Loki (OSS chart, maintained in grafana-community/helm-charts since it left grafana/helm-charts). 18.11.0
     * ships Loki 3.7.6 (charts/loki/Chart.yaml).
     */
    public static final Chart LOKI = new Chart("loki", "18.11.0",
            "https://grafana-community.github.io/helm-charts", "loki");

    /** Grafana Alloy, the log shipper. Chart 1.11.1 ships Alloy v1.18.1 (grafana/alloy operations/helm/charts/alloy). */
    public static final Chart ALLOY = new Chart("alloy", "1.11.1",
            "https://grafana.github.io/helm-charts", "alloy");
}
