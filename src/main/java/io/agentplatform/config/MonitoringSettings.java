package io.agentplatform.config;

/**
 * The in-cluster monitoring stack.
 *
 * @param prometheusRetention      how long Prometheus keeps samples (Prometheus duration, e.g. {@code 15d})
 * @param prometheusRetentionSize  size cap before the oldest blocks go (e.g. {@code 40GB}); must fit the volume
 * @param prometheusVolumeGiB      gp3 volume per Prometheus replica
 * @param prometheusReplicas       Prometheus replicas (2+ survives a node loss)
 * @param alertmanagerReplicas     Alertmanager replicas (clustered when 2+)
 * @param alertmanagerVolumeGiB    volume per Alertmanager replica (silences, notification log)
 * @param grafanaReplicas          Grafana replicas
 * @param lokiRetentionDays        log retention enforced by Loki's compactor
 * @param lokiObjectStorage        Loki stores chunks in S3 (through IRSA) instead of a persistent volume
 * @param lokiVolumeGiB            Loki's persistent volume (WAL and, without object storage, the chunks)
 * @param lokiReplicas             Loki replicas (monolithic mode; more than 1 needs object storage)
 * @param protect                  Pulumi {@code protect} on Loki's log bucket, which then also refuses to be emptied on
 *                                 delete (default: production); unprotected buckets are emptied so destroy succeeds
 * @param enabled                  deploy the monitoring stack (default true). Local stacks only may turn it off: its
 *                                 three Helm charts come from remote repositories, which a cluster without a chart
 *                                 registry (an air-gapped kind, the cluster test) cannot reach; the agent then gets
 *                                 no ServiceMonitor or PrometheusRule either, as their CRDs come with the charts
 */
public record MonitoringSettings(
        String prometheusRetention,
        String prometheusRetentionSize,
        int prometheusVolumeGiB,
        int prometheusReplicas,
        int alertmanagerReplicas,
        int alertmanagerVolumeGiB,
        int grafanaReplicas,
        int lokiRetentionDays,
        boolean lokiObjectStorage,
        int lokiVolumeGiB,
        int lokiReplicas,
        boolean protect,
        boolean enabled) {
}
