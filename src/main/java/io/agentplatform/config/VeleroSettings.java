package io.agentplatform.config;

import java.util.List;

/**
 * Velero, the cluster-state backup: scheduled backups of the listed namespaces (objects to its own S3 bucket,
 * volumes as EBS snapshots). Defaults: off; when on, every 6 hours, kept 30 days, the agent and monitoring namespaces.
 *
 * @param enabled       install Velero and its schedules
 * @param schedule      five-field cron expression (UTC) of the scheduled backups
 * @param retentionDays how long each backup is kept (Velero's ttl; the bucket's lifecycle expires objects a week later)
 * @param namespaces    namespaces backed up, one schedule each
 */
public record VeleroSettings(boolean enabled, String schedule, int retentionDays, List<String> namespaces) {

    public VeleroSettings {
        namespaces = List.copyOf(namespaces);
    }

    /** The longest gap between two backups of a schedule {@code 0 *\/N * * *}; empty for other expressions. */
    public java.util.OptionalInt everyHours() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("0 \\*/(\\d+) \\* \\* \\*").matcher(schedule);
        return m.matches() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
    }
}
