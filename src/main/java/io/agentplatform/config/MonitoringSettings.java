package io.agentplatform.config;

import java.util.Objects;

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

    /** Starts a MonitoringSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.prometheusRetention = prometheusRetention;
        b.prometheusRetentionSize = prometheusRetentionSize;
        b.prometheusVolumeGiB = prometheusVolumeGiB;
        b.prometheusReplicas = prometheusReplicas;
        b.alertmanagerReplicas = alertmanagerReplicas;
        b.alertmanagerVolumeGiB = alertmanagerVolumeGiB;
        b.grafanaReplicas = grafanaReplicas;
        b.lokiRetentionDays = lokiRetentionDays;
        b.lokiObjectStorage = lokiObjectStorage;
        b.lokiVolumeGiB = lokiVolumeGiB;
        b.lokiReplicas = lokiReplicas;
        b.protect = protect;
        b.enabled = enabled;
        return b;
    }

    /** Named fields instead of 13 positional arguments. */
    public static final class Builder {
        private String prometheusRetention;
        private String prometheusRetentionSize;
        private int prometheusVolumeGiB;
        private int prometheusReplicas;
        private int alertmanagerReplicas;
        private int alertmanagerVolumeGiB;
        private int grafanaReplicas;
        private int lokiRetentionDays;
        private boolean lokiObjectStorage;
        private int lokiVolumeGiB;
        private int lokiReplicas;
        private boolean protect;
        private boolean enabled;

        private Builder() {}

        public Builder prometheusRetention(String prometheusRetention) {
            this.prometheusRetention = prometheusRetention;
            return this;
        }

        public Builder prometheusRetentionSize(String prometheusRetentionSize) {
            this.prometheusRetentionSize = prometheusRetentionSize;
            return this;
        }

        public Builder prometheusVolumeGiB(int prometheusVolumeGiB) {
            this.prometheusVolumeGiB = prometheusVolumeGiB;
            return this;
        }

        public Builder prometheusReplicas(int prometheusReplicas) {
            this.prometheusReplicas = prometheusReplicas;
            return this;
        }

        public Builder alertmanagerReplicas(int alertmanagerReplicas) {
            this.alertmanagerReplicas = alertmanagerReplicas;
            return this;
        }

        public Builder alertmanagerVolumeGiB(int alertmanagerVolumeGiB) {
            this.alertmanagerVolumeGiB = alertmanagerVolumeGiB;
            return this;
        }

        public Builder grafanaReplicas(int grafanaReplicas) {
            this.grafanaReplicas = grafanaReplicas;
            return this;
        }

        public Builder lokiRetentionDays(int lokiRetentionDays) {
            this.lokiRetentionDays = lokiRetentionDays;
            return this;
        }

        public Builder lokiObjectStorage(boolean lokiObjectStorage) {
            this.lokiObjectStorage = lokiObjectStorage;
            return this;
        }

        public Builder lokiVolumeGiB(int lokiVolumeGiB) {
            this.lokiVolumeGiB = lokiVolumeGiB;
            return this;
        }

        public Builder lokiReplicas(int lokiReplicas) {
            this.lokiReplicas = lokiReplicas;
            return this;
        }

        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public MonitoringSettings build() {
            Objects.requireNonNull(prometheusRetention, "prometheusRetention");
            Objects.requireNonNull(prometheusRetentionSize, "prometheusRetentionSize");
            return new MonitoringSettings(prometheusRetention, prometheusRetentionSize, prometheusVolumeGiB,
                    prometheusReplicas, alertmanagerReplicas, alertmanagerVolumeGiB, grafanaReplicas,
                    lokiRetentionDays, lokiObjectStorage, lokiVolumeGiB, lokiReplicas, protect, enabled);
        }
    }
}
