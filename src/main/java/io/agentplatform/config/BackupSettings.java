package io.agentplatform.config;

import java.util.Map;
import java.util.Optional;

/**
 * AWS Backup of a platform stack: one vault (customer-managed key), one plan with these rules, one selection of
 * every stateful resource the program creates, and optionally a copy of every recovery point to a vault in a second
 * region and a vault lock on both vaults. Defaults: one daily rule kept 7 days, no copy, no lock; recovery points
 * and the vault are kept (and protected) where the environment holds valuable data.
 *
 * @param rules              backup rules by name (the rule name AWS shows); at least one
 * @param copyRegion         region of the second vault every recovery point is copied to (required in production)
 * @param vaultLock          AWS Backup Vault Lock on the vault(s) (required in production)
 * @param keepRecoveryPoints the vault, its recovery points and the Velero bucket outlive {@code pulumi destroy}
 *                           (retained, not force-destroyed); required whenever a vault lock is set
 * @param protect            Pulumi {@code protect} on the vaults, their keys and the Velero bucket
 */
public record BackupSettings(
        Map<String, Rule> rules,
        Optional<String> copyRegion,
        Optional<VaultLock> vaultLock,
        boolean keepRecoveryPoints,
        boolean protect) {

    public BackupSettings {
        rules = Map.copyOf(rules);
    }

    /**
     * How often a rule runs, as an AWS Backup schedule (UTC). The times stay clear of the default RDS backup window
     * (02:00-03:00): a snapshot job that meets the automated backup is delayed until it ends.
     */
    public enum Frequency {
        SIX_HOURLY("cron(0 5/6 * * ? *)", 6),
        DAILY("cron(0 5 * * ? *)", 24),
        WEEKLY("cron(0 5 ? * SUN *)", 24 * 7),
        MONTHLY("cron(0 5 1 * ? *)", 24 * 31);

        private final String schedule;
        private final int maxHoursBetween;

        Frequency(String schedule, int maxHoursBetween) {
            this.schedule = schedule;
            this.maxHoursBetween = maxHoursBetween;
        }

        public String schedule() {
            return schedule;
        }

        /** The longest gap between two recovery points of this rule, the RPO it alone gives. */
        public int maxHoursBetween() {
            return maxHoursBetween;
        }
    }

    /** One rule: how often, and how long each recovery point (and its copy) is kept. */
    public record Rule(Frequency frequency, int retentionDays) {}

    /** Vault Lock modes: governance can be removed by privileged users; compliance is immutable once the cooling-off period ends. */
    public enum LockMode { GOVERNANCE, COMPLIANCE }

    /**
     * @param changeableForDays compliance only: days before the lock becomes immutable (the cooling-off period in
     *                          which a mistake can still be undone)
     */
    public record VaultLock(LockMode mode, int minRetentionDays, int maxRetentionDays, Optional<Integer> changeableForDays) {}
}
