package io.agentplatform.config;

import java.util.List;

import static io.agentplatform.config.Default.of;

/** The declarations of {@code velero} ({@link VeleroSettings}) and how they are read. */
final class VeleroSection {
    /** Five cron fields of digits, ranges, steps, lists or *; Velero's schedules are standard cron (robfig/cron). */
    private static final String CRON_FIELD = "(\\*|\\d+(-\\d+)?)(/\\d+)?(,(\\*|\\d+(-\\d+)?)(/\\d+)?)*";
    private static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    static final Setting<Boolean> ENABLED = Setting.bool("enabled", of(false), "install Velero (its own bucket, "
            + "an IRSA role scoped to it and to EBS snapshots) and its schedules");
    static final Setting<String> SCHEDULE = Setting.text("schedule", of("0 */6 * * *"),
            "when the scheduled backups run (UTC)").type("cron").check("five cron fields", (s, n, v) -> {
                String[] fields = v.trim().split("\\s+");
                if (fields.length != 5 || !List.of(fields).stream().allMatch(f -> f.matches(CRON_FIELD))) {
                    s.problem(n, "'" + v + "'", "must be a five-field cron expression (minute hour day month weekday), "
                            + "e.g. 0 */6 * * *");
                }
            });
    static final Setting<Integer> RETENTION = Setting.integer("retentionDays", 1, 3650, of(30),
            "how long each backup is kept (Velero's ttl; the bucket's lifecycle expires objects a week later)");
    static final Setting<List<String>> NAMESPACES = Setting.texts("namespaces", of(List.of("agent", "monitoring")),
            "namespaces backed up, one schedule each").check("non-empty; Kubernetes namespace names", (s, n, v) -> {
                if (v.isEmpty()) {
                    s.problem(n, "[]", "list at least one namespace to back up, e.g. [agent, monitoring]");
                }
                v.stream().filter(ns -> !ns.matches(DNS_LABEL)).forEach(ns ->
                        s.problem(n, "'" + ns + "'", "entries are Kubernetes namespace names (DNS labels)"));
            });

    static final Section SECTION = new Section("velero", "Velero, the cluster-state backup (objects to S3, volumes as "
            + "EBS snapshots)", Section.PLATFORM, List.of(ENABLED, SCHEDULE, RETENTION, NAMESPACES));

    private VeleroSection() {}

    static VeleroSettings read(Settings s) {
        VeleroSettings velero = new VeleroSettings(s.read(ENABLED), s.read(SCHEDULE), s.read(RETENTION),
                s.read(NAMESPACES));
        s.rejectUnknownKeys();
        return velero;
    }
}
