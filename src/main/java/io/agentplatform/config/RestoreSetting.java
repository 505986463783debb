package io.agentplatform.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code database.restoreFromSnapshot}: create the instance from a DB snapshot instead of empty. Accepted forms are
 * those RestoreDBInstanceFromDBSnapshot takes for DBSnapshotIdentifier: a manual snapshot id (1-255 letters, digits
 * and single hyphens, starting with a letter), an automated one ({@code rds:<instance>-yyyy-mm-dd-hh-mm}), an AWS
 * Backup recovery point ({@code awsbackup:job-<uuid>}) or a snapshot ARN (required for a shared snapshot of another
 * account). RDS restores only from a snapshot in the instance's own region (copy it first), so an ARN of another
 * region is refused. The restored instance takes its database name and master user from the snapshot (RDS for
 * PostgreSQL ignores DBName on restore and has no MasterUsername parameter), so {@code databaseName} and
 * {@code masterUsername} are refused next to it. Sources:
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RestoreDBInstanceFromDBSnapshot.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html.
 */
final class RestoreSetting {
    static final String KEY = "restoreFromSnapshot";
    static final Setting<Optional<String>> RESTORE_FROM_SNAPSHOT = Setting.optionalText(KEY, "create the instance "
            + "from this DB snapshot instead of empty; the snapshot brings the data, database name, master user and "
            + "storage KMS key. Keep it set for the life of the stack: removing it replaces the instance. See "
            + "docs/disaster-recovery.md")
            .type("snapshot id or ARN").rule("a manual snapshot id, `rds:<instance>-<date>`, `awsbackup:job-<id>` or an "
                    + "RDS snapshot ARN in the stack's region; not together with databaseName or masterUsername (they "
                    + "come from the snapshot)");
    /** Settings whose value comes from the snapshot on restore. */
    static final List<String> TAKEN_FROM_SNAPSHOT = List.of("databaseName", "masterUsername");
    private static final String ID = "[a-zA-Z](-?[a-zA-Z0-9])*";
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:rds:([a-z0-9-]+):(\\d{12}):snapshot:(.+)");

    private RestoreSetting() {}

    /** Reads the setting from the {@code database} section; call before its unknown keys are checked. */
    static Optional<String> read(Settings database, String region) {
        Optional<String> snapshot = database.read(RESTORE_FROM_SNAPSHOT);
        snapshot.ifPresent(id -> {
            Matcher arn = ARN.matcher(id);
            String bare = arn.matches() ? arn.group(3) : id;
            if (!wellFormed(bare)) {
                database.problem(KEY, "'" + id + "'", "must be a DB snapshot id (letters, digits and single hyphens, "
                        + "starting with a letter, at most 255), rds:<instance>-<date> for an automated snapshot, "
                        + "awsbackup:job-<id> for an AWS Backup recovery point, or arn:aws:rds:<region>:<account>:snapshot:<id>");
            } else if (arn.matches() && !arn.group(1).equals(region)) {
                database.problem(KEY, "'" + id + "'", "the snapshot is in " + arn.group(1) + " but the stack in " + region
                        + ": RDS restores only from a snapshot in its own region (aws rds copy-db-snapshot --source-region "
                        + arn.group(1) + " first)");
            }
            for (String taken : TAKEN_FROM_SNAPSHOT) {
                if (database.has(taken)) {
                    database.problem(taken, "(set)", "cannot be set together with " + database.pathOf(KEY)
                            + ": the restored instance keeps the snapshot's database name and master user; remove it");
                }
            }
        });
        return snapshot;
    }

    private static boolean wellFormed(String id) {
        if (id.length() > 255) {
            return false;
        }
        return id.matches(ID) || id.matches("rds:" + ID + "-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}")
                || id.matches("awsbackup:job-[0-9a-fA-F-]{36}");
    }
}
