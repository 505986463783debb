package io.agentplatform.config;

import java.util.List;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code monitoring} ({@link MonitoringSettings}) and how they are read. */
final class MonitoringSection {
    static final Setting<String> RETENTION = Setting.text("prometheusRetention", of("15d"),
            "how long Prometheus keeps samples").matching("\\d+[hdwy]", "must be a Prometheus duration such as 15d or 4w");
    static final Setting<String> RETENTION_SIZE = Setting.text("prometheusRetentionSize", of("40GB"),
            "size cap before the oldest blocks go").rule("a size such as `40GB`, smaller than prometheusVolumeGiB");
    static final Setting<Integer> VOLUME = Setting.integer("prometheusVolumeGiB", 1, 16384, of(50),
            "gp3 volume per Prometheus replica");
    static final Setting<Integer> PROMETHEUS_REPLICAS = Setting.integer("prometheusReplicas", 1, 5, of(1),
            "Prometheus replicas (2+ survives a node loss)");
    static final Setting<Integer> ALERTMANAGER_REPLICAS = Setting.integer("alertmanagerReplicas", 1, 5, of(1),
            "Alertmanager replicas (clustered when 2+)");
    static final Setting<Integer> ALERTMANAGER_VOLUME = Setting.integer("alertmanagerVolumeGiB", 1, 100, of(2),
            "volume per Alertmanager replica (silences, notification log)");
    static final Setting<Integer> GRAFANA_REPLICAS = Setting.integer("grafanaReplicas", 1, 5, of(1), "Grafana replicas");
    static final Setting<Integer> LOKI_RETENTION = Setting.integer("lokiRetentionDays", 1, 3650, of(7),
            "log retention enforced by Loki's compactor");
    static final Setting<Boolean> LOKI_S3 = Setting.bool("lokiObjectStorage", of(false),
            "Loki stores chunks in S3 (through IRSA) instead of a persistent volume");
    static final Setting<Integer> LOKI_VOLUME = Setting.integer("lokiVolumeGiB", 1, 16384, of(20),
            "Loki's persistent volume (WAL and, without object storage, the chunks)");
    static final Setting<Integer> LOKI_REPLICAS = Setting.integer("lokiReplicas", 1, 5, of(1),
            "Loki replicas (monolithic mode)").rule("more than 1 needs lokiObjectStorage");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` on Loki's log bucket; unprotected buckets are emptied on destroy");
    static final Setting<Boolean> ENABLED = Setting.bool("enabled", of(true), "deploy the monitoring stack. Without it "
            + "the local stack deploys no monitoring (its three Helm charts come from remote repositories, which an "
            + "air-gapped cluster cannot reach), the agent gets no ServiceMonitor or PrometheusRule (their CRDs come "
            + "with the charts), `grafanaAdminPassword` is not required, and `pulumi up` warns. "
            + "`scripts/cluster-test.sh` sets it, because no chart can be downloaded there").rule("only local stacks may "
            + "set `false`");

    static final Section SECTION = new Section("monitoring", "Prometheus, Alertmanager, Grafana, Loki and Alloy in the "
            + "cluster", Section.ALL, List.of(RETENTION, RETENTION_SIZE, VOLUME, PROMETHEUS_REPLICAS,
            ALERTMANAGER_REPLICAS, ALERTMANAGER_VOLUME, GRAFANA_REPLICAS, LOKI_RETENTION, LOKI_S3, LOKI_VOLUME,
            LOKI_REPLICAS, PROTECT, ENABLED));

    private MonitoringSection() {}

    static MonitoringSettings read(Settings s) {
        MonitoringSettings.Builder b = MonitoringSettings.builder().prometheusRetention(s.read(RETENTION))
                .prometheusRetentionSize(s.read(RETENTION_SIZE)).prometheusVolumeGiB(s.read(VOLUME));
        checkRetentionSize(s, s.get(RETENTION_SIZE), s.get(VOLUME));
        b.prometheusReplicas(s.read(PROMETHEUS_REPLICAS)).alertmanagerReplicas(s.read(ALERTMANAGER_REPLICAS))
                .alertmanagerVolumeGiB(s.read(ALERTMANAGER_VOLUME)).grafanaReplicas(s.read(GRAFANA_REPLICAS))
                .lokiRetentionDays(s.read(LOKI_RETENTION)).lokiObjectStorage(s.read(LOKI_S3))
                .lokiVolumeGiB(s.read(LOKI_VOLUME)).lokiReplicas(s.read(LOKI_REPLICAS));
        if (s.get(LOKI_REPLICAS) > 1 && !s.get(LOKI_S3)) {
            s.problem(LOKI_REPLICAS.name(), String.valueOf(s.get(LOKI_REPLICAS)), "more than one Loki replica needs "
                    + "lokiObjectStorage: true (replicas cannot share a filesystem volume)");
        }
        b.protect(s.read(PROTECT)).enabled(s.read(ENABLED));
        if (!s.get(ENABLED) && s.kind() != EnvironmentKind.LOCAL) {
            s.problem(ENABLED.name(), "false", "only local stacks may run without monitoring (the agent's alerts and "
                    + "dashboards live in it); remove it from a " + s.kind().configName() + " stack");
        }
        s.rejectUnknownKeys();
        return b.build();
    }

    private static void checkRetentionSize(Settings s, String retentionSize, int volume) {
        if (!retentionSize.matches("\\d+(MB|GB|TB)")) {
            s.problem(RETENTION_SIZE.name(), "'" + retentionSize + "'", "must be a size such as 40GB");
        } else if (sizeInGiB(retentionSize) >= volume) {
            s.problem(RETENTION_SIZE.name(), "'" + retentionSize + "'", "must be smaller than prometheusVolumeGiB ("
                    + volume + " GiB) so Prometheus prunes before the volume fills");
        }
    }

    private static double sizeInGiB(String size) {
        long n = Long.parseLong(size.replaceAll("\\D", ""));
        return size.endsWith("TB") ? n * 1024.0 : size.endsWith("GB") ? n : n / 1024.0;
    }
}
