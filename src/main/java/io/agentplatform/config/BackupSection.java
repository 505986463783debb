package io.agentplatform.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.of;

/**
 * The declarations of {@code backup} ({@link BackupSettings}) and how they are read. Limits are AWS's:
 * PutBackupVaultLockConfiguration (ChangeableForDays at least 3, retention days 1-36500), CreateBackupPlan (rule
 * names 1-50 of letters, digits and -_.; DeleteAfterDays at least 1),
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html and
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRule.html.
 */
final class BackupSection {
    static final int MAX_DAYS = 36500;
    static final int MIN_CHANGEABLE_DAYS = 3;
    private static final String RULE_NAME = "[a-zA-Z0-9_.-]{1,50}";
    private static final Map<String, BackupSettings.Rule> DEFAULT_RULES =
            Map.of("daily", new BackupSettings.Rule(BackupSettings.Frequency.DAILY, 7));

    static final Setting<BackupSettings.Frequency> FREQUENCY = Setting.choice("frequency",
            BackupSettings.Frequency.class, Default.required("one of " + Settings.enumChoices(
                    BackupSettings.Frequency.class), BackupSettings.Frequency.DAILY),
            "`sixHourly` 05:00, 11:00, 17:00, 23:00 UTC; `daily` 05:00; `weekly` Sunday 05:00; `monthly` the 1st, 05:00 "
                    + "(clear of the default RDS backup window)");
    static final Setting<Integer> RETENTION = Setting.integer("retentionDays", 1, MAX_DAYS, of(7),
            "how long each recovery point and its copy are kept").rule("within the vault lock's retention range");
    static final Section RULE = new Section("backup.rules.<name>", "One backup rule, keyed by the name AWS shows (1-50 "
            + "letters, digits or -_.)", Section.PLATFORM, List.of(FREQUENCY, RETENTION));
    static final Section RULES = new Section("backup.rules", "Backup rules by name; at least one", Section.PLATFORM,
            List.of()).absent("`{daily: {frequency: daily, retentionDays: 7}}`").with(RULE);

    static final Setting<BackupSettings.LockMode> MODE = Setting.choice("mode", BackupSettings.LockMode.class,
            Default.required("one of " + Settings.enumChoices(BackupSettings.LockMode.class),
                    BackupSettings.LockMode.GOVERNANCE), "governance can be removed by privileged users; compliance is "
                    + "immutable once the cooling-off period ends");
    static final Setting<Integer> MIN_RETENTION = Setting.integer("minRetentionDays", 1, MAX_DAYS, of(1),
            "shortest retention a backup or copy job may set").rule("≤ maxRetentionDays");
    static final Setting<Integer> MAX_RETENTION = Setting.integer("maxRetentionDays", 1, MAX_DAYS, of(MAX_DAYS),
            "longest retention a backup or copy job may set");
    static final Setting<Optional<Integer>> CHANGEABLE = Setting.optionalInteger("changeableForDays",
            MIN_CHANGEABLE_DAYS, MAX_DAYS, "cooling-off period before a compliance lock becomes immutable")
            .rule("required with mode compliance, refused with governance");
    static final Section VAULT_LOCK = new Section("backup.vaultLock", "AWS Backup Vault Lock on the vault(s)",
            Section.PLATFORM, List.of(MODE, MIN_RETENTION, MAX_RETENTION, CHANGEABLE))
            .absent("no lock (required in production)");

    static final Setting<Optional<String>> COPY_REGION = Setting.optionalText("copyRegion", "second region every "
            + "recovery point is copied to, through a second AWS provider with its own key and vault")
            .type("AWS region").rule("differs from aws:region; required in production");
    static final Setting<Boolean> KEEP = Setting.bool("keepRecoveryPoints", byKind(EnvironmentKind::holdsValuableData),
            "the vaults, their recovery points and the Velero bucket outlive `pulumi destroy` (retained, not "
                    + "force-destroyed)").rule("`true` whenever vaultLock is set");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` on the vaults, their keys and the Velero bucket");

    static final Section SECTION = new Section("backup", "AWS Backup: a vault with its own KMS key, a plan and a "
            + "selection of every stateful resource", Section.PLATFORM, List.of(COPY_REGION, KEEP, PROTECT))
            .with(RULES, VAULT_LOCK).withNotes("Every S3 bucket the stack creates and the RDS instance are selected "
                    + "(`io.agentplatform.backup`); the vault lock applies to both vaults. Limits are AWS's "
                    + "(PutBackupVaultLockConfiguration, CreateBackupPlan).");

    private BackupSection() {}

    static BackupSettings read(Settings s, String region) {
        Map<String, BackupSettings.Rule> rules = s.has("rules") ? s.objectMap("rules", r -> new BackupSettings.Rule(
                r.read(FREQUENCY), r.read(RETENTION))) : DEFAULT_RULES;
        checkRuleNames(s, rules);
        Optional<String> copyRegion = s.read(COPY_REGION);
        checkCopyRegion(s, copyRegion, region);
        Optional<BackupSettings.VaultLock> lock = s.has("vaultLock") ? Optional.of(vaultLock(s.object("vaultLock")))
                : Optional.empty();
        boolean keep = s.read(KEEP);
        boolean protect = s.read(PROTECT);
        requireProductionSafety(s, copyRegion, lock);
        if (lock.isPresent() && !keep) {
            s.problem(KEEP.name(), "false", "a locked vault refuses to delete recovery points before "
                    + "minRetentionDays, so pulumi destroy could not empty it: set keepRecoveryPoints: true or remove vaultLock");
        }
        lock.ifPresent(l -> checkRetentionsWithinLock(s, rules, l));
        s.rejectUnknownKeys();
        return new BackupSettings(rules, copyRegion, lock, keep, protect);
    }

    private static void checkRuleNames(Settings s, Map<String, BackupSettings.Rule> rules) {
        if (rules.isEmpty()) {
            s.problem("rules", "{}", "list at least one rule, e.g. daily: {frequency: daily, retentionDays: 7}");
        }
        rules.keySet().stream().filter(n -> !n.matches(RULE_NAME)).forEach(n ->
                s.problem("rules." + n, "'" + n + "'", "rule names are 1-50 letters, digits or -_."));
    }

    private static void checkCopyRegion(Settings s, Optional<String> copyRegion, String region) {
        copyRegion.filter(r -> !Regions.wellFormed(r)).ifPresent(r ->
                s.problem(COPY_REGION.name(), "'" + r + "'", "must be an AWS region name such as eu-central-1"));
        copyRegion.filter(region::equals).ifPresent(r -> s.problem(COPY_REGION.name(), "'" + r + "'",
                "must differ from aws:region (" + region + "): the copy is what survives the loss of that region"));
    }

    private static void requireProductionSafety(Settings s, Optional<String> copyRegion,
                                                Optional<BackupSettings.VaultLock> lock) {
        if (!s.kind().holdsValuableData()) {
            return;
        }
        if (copyRegion.isEmpty()) {
            s.problem(COPY_REGION.name(), "<missing>", "a " + s.kind().configName() + " stack copies every recovery "
                    + "point to a second region: set a region such as eu-central-1");
        }
        if (lock.isEmpty()) {
            s.problem("vaultLock", "<missing>", "a " + s.kind().configName() + " stack locks its vaults: set mode "
                    + "(governance or compliance), minRetentionDays, maxRetentionDays and, for compliance, changeableForDays");
        }
    }

    private static void checkRetentionsWithinLock(Settings s, Map<String, BackupSettings.Rule> rules,
                                                  BackupSettings.VaultLock l) {
        rules.forEach((name, rule) -> {
            if (rule.retentionDays() < l.minRetentionDays() || rule.retentionDays() > l.maxRetentionDays()) {
                s.problem("rules." + name + ".retentionDays", String.valueOf(rule.retentionDays()), "must lie within the "
                        + "vault lock's [minRetentionDays, maxRetentionDays] = [" + l.minRetentionDays() + ", "
                        + l.maxRetentionDays() + "]: AWS Backup fails backup and copy jobs outside it");
            }
        });
    }

    private static BackupSettings.VaultLock vaultLock(Settings l) {
        BackupSettings.LockMode mode = l.read(MODE);
        int min = l.read(MIN_RETENTION);
        int max = l.read(MAX_RETENTION);
        if (min > max) {
            l.problem(MIN_RETENTION.name(), String.valueOf(min), "must not exceed maxRetentionDays (" + max + ")");
        }
        Optional<Integer> changeable = l.read(CHANGEABLE);
        if (mode == BackupSettings.LockMode.COMPLIANCE && changeable.isEmpty()) {
            l.problem(CHANGEABLE.name(), "<missing>", "compliance mode needs a cooling-off period: days ("
                    + MIN_CHANGEABLE_DAYS + "-" + MAX_DAYS + ") in which the lock can still be removed before it becomes immutable");
        } else if (mode != BackupSettings.LockMode.COMPLIANCE && changeable.isPresent()) {
            l.problem(CHANGEABLE.name(), "(set)", "only applies to mode: compliance (a governance lock stays removable "
                    + "by privileged users, so it has no cooling-off period)");
            changeable = Optional.empty();
        }
        l.rejectUnknownKeys();
        return new BackupSettings.VaultLock(mode, min, max, changeable);
    }
}
