package io.agentplatform.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates the {@code backup} and {@code velero} sections of a platform stack; every problem names the
 * setting, its value and what is allowed. Limits are AWS's: PutBackupVaultLockConfiguration (ChangeableForDays at
 * least 3, retention days 1-36500), CreateBackupPlan (rule names 1-50 of letters, digits and -_.; DeleteAfterDays
 * at least 1), https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html and
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html.
 */
final class BackupReader {
    static final int MAX_DAYS = 36500;
    static final int MIN_CHANGEABLE_DAYS = 3;
    private static final String RULE_NAME = "[a-zA-Z0-9_.-]{1,50}";
    /** Five cron fields of digits, ranges, steps, lists or *; Velero's schedules are standard cron (robfig/cron). */
    private static final String CRON_FIELD = "(\\*|\\d+(-\\d+)?)(/\\d+)?(,(\\*|\\d+(-\\d+)?)(/\\d+)?)*";
    private static final String DNS_LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    private BackupReader() {}

    static BackupSettings backup(Settings s, EnvironmentKind kind, String region) {
        Map<String, BackupSettings.Rule> rules = s.has("rules")
                ? s.objectMap("rules", r -> new BackupSettings.Rule(
                        r.requiredEnumeration("frequency", BackupSettings.Frequency.class, BackupSettings.Frequency.DAILY),
                        r.integer("retentionDays", 7, 1, MAX_DAYS)))
                : Map.of("daily", new BackupSettings.Rule(BackupSettings.Frequency.DAILY, 7));
        if (rules.isEmpty()) {
            s.problem("rules", "{}", "list at least one rule, e.g. daily: {frequency: daily, retentionDays: 7}");
        }
        rules.keySet().stream().filter(n -> !n.matches(RULE_NAME)).forEach(n ->
                s.problem("rules." + n, "'" + n + "'", "rule names are 1-50 letters, digits or -_."));

        Optional<String> copyRegion = Optional.ofNullable(s.string("copyRegion", null));
        copyRegion.filter(r -> !Regions.wellFormed(r)).ifPresent(r ->
                s.problem("copyRegion", "'" + r + "'", "must be an AWS region name such as eu-central-1"));
        copyRegion.filter(region::equals).ifPresent(r -> s.problem("copyRegion", "'" + r + "'",
                "must differ from aws:region (" + region + "): the copy is what survives the loss of that region"));

        Optional<BackupSettings.VaultLock> lock = s.has("vaultLock") ? Optional.of(vaultLock(s.object("vaultLock")))
                : Optional.empty();
        boolean keep = s.bool("keepRecoveryPoints", kind.holdsValuableData());
        boolean protect = s.bool("protect", kind.holdsValuableData());
        if (kind.holdsValuableData()) {
            if (copyRegion.isEmpty()) {
                s.problem("copyRegion", "<missing>", "a " + kind.configName() + " stack copies every recovery point to a "
                        + "second region: set a region such as eu-central-1");
            }
            if (lock.isEmpty()) {
                s.problem("vaultLock", "<missing>", "a " + kind.configName() + " stack locks its vaults: set mode "
                        + "(governance or compliance), minRetentionDays, maxRetentionDays and, for compliance, changeableForDays");
            }
        }
        if (lock.isPresent() && !keep) {
            s.problem("keepRecoveryPoints", "false", "a locked vault refuses to delete recovery points before "
                    + "minRetentionDays, so pulumi destroy could not empty it: set keepRecoveryPoints: true or remove vaultLock");
        }
        lock.ifPresent(l -> rules.forEach((name, rule) -> {
            if (rule.retentionDays() < l.minRetentionDays() || rule.retentionDays() > l.maxRetentionDays()) {
                s.problem("rules." + name + ".retentionDays", String.valueOf(rule.retentionDays()), "must lie within the "
                        + "vault lock's [minRetentionDays, maxRetentionDays] = [" + l.minRetentionDays() + ", "
                        + l.maxRetentionDays() + "]: AWS Backup fails backup and copy jobs outside it");
            }
        }));
        s.rejectUnknownKeys();
        return new BackupSettings(rules, copyRegion, lock, keep, protect);
    }

    private static BackupSettings.VaultLock vaultLock(Settings l) {
        BackupSettings.LockMode mode = l.requiredEnumeration("mode", BackupSettings.LockMode.class,
                BackupSettings.LockMode.GOVERNANCE);
        int min = l.integer("minRetentionDays", 1, 1, MAX_DAYS);
        int max = l.integer("maxRetentionDays", MAX_DAYS, 1, MAX_DAYS);
        if (min > max) {
            l.problem("minRetentionDays", String.valueOf(min), "must not exceed maxRetentionDays (" + max + ")");
        }
        Optional<Integer> changeable = Optional.empty();
        if (mode == BackupSettings.LockMode.COMPLIANCE) {
            if (l.has("changeableForDays")) {
                changeable = Optional.of(l.integer("changeableForDays", MIN_CHANGEABLE_DAYS, MIN_CHANGEABLE_DAYS, MAX_DAYS));
            } else {
                l.problem("changeableForDays", "<missing>", "compliance mode needs a cooling-off period: days ("
                        + MIN_CHANGEABLE_DAYS + "-" + MAX_DAYS + ") in which the lock can still be removed before it becomes immutable");
            }
        } else if (l.has("changeableForDays")) {
            l.problem("changeableForDays", "(set)", "only applies to mode: compliance (a governance lock stays removable "
                    + "by privileged users, so it has no cooling-off period)");
        }
        l.rejectUnknownKeys();
        return new BackupSettings.VaultLock(mode, min, max, changeable);
    }

    static VeleroSettings velero(Settings s) {
        boolean enabled = s.bool("enabled", false);
        String schedule = s.string("schedule", "0 */6 * * *");
        String[] fields = schedule.trim().split("\\s+");
        if (fields.length != 5 || !List.of(fields).stream().allMatch(f -> f.matches(CRON_FIELD))) {
            s.problem("schedule", "'" + schedule + "'", "must be a five-field cron expression (minute hour day month weekday), "
                    + "e.g. 0 */6 * * *");
        }
        int retention = s.integer("retentionDays", 30, 1, 3650);
        List<String> namespaces = s.strings("namespaces", List.of("agent", "monitoring"));
        if (namespaces.isEmpty()) {
            s.problem("namespaces", "[]", "list at least one namespace to back up, e.g. [agent, monitoring]");
        }
        namespaces.stream().filter(n -> !n.matches(DNS_LABEL)).forEach(n ->
                s.problem("namespaces", "'" + n + "'", "entries are Kubernetes namespace names (DNS labels)"));
        s.rejectUnknownKeys();
        return new VeleroSettings(enabled, schedule, retention, namespaces);
    }
}
