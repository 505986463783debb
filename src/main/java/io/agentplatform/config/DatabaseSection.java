package io.agentplatform.config;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.derived;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code database} ({@link DatabaseSettings}) and how they are read. */
final class DatabaseSection {
    static final Set<Integer> RDS_MONITORING_INTERVALS = Set.of(0, 1, 5, 10, 15, 30, 60);
    static final Set<String> POSTGRES_MAJORS = Set.of("14", "15", "16", "17");
    static final Set<String> POSTGRES_LOG_EXPORTS = Set.of("postgresql", "upgrade");
    private static final Set<String> RESERVED_USERS = Set.of("admin", "rdsadmin", "postgres", "agent_app");

    static final Setting<String> ENGINE_VERSION = Setting.text("engineVersion", of("16"),
            "a major pin needs `autoMinorVersionUpgrade: true` (RDS picks and updates the minor; the provider accepts "
                    + "the prefix); a minor pin must be creatable on the plan date per the AWS catalog and needs "
                    + "`autoMinorVersionUpgrade: false` (else RDS moves past it and the next `pulumi up` would try to go back)")
            .type("major (`16`) or `major.minor`")
            .check("major 14–17", (s, n, v) -> {
                if (!v.matches("\\d+(\\.\\d+)?") || !POSTGRES_MAJORS.contains(v.split("\\.")[0])) {
                    s.problem(n, "'" + v + "'", "must be a PostgreSQL major ('16') or major.minor ('16.11') of major "
                            + new TreeSet<>(POSTGRES_MAJORS));
                }
            });
    static final Setting<String> INSTANCE_CLASS = Setting.text("instanceClass", of("db.t4g.medium"),
            "one of the AWS catalog's classes").matching("db\\.[a-z0-9]+\\.[a-z0-9]+",
            "must be an RDS instance class such as db.t4g.medium");
    static final Setting<Integer> STORAGE = Setting.integer("allocatedStorageGiB", 20, 65536, of(20),
            "initial gp3 storage");
    static final Setting<Integer> MAX_STORAGE = Setting.integer("maxAllocatedStorageGiB", 20, 65536,
            derived("5 × allocatedStorageGiB", v -> v.get(STORAGE) * 5),
            "storage autoscaling ceiling; must exceed allocatedStorageGiB");
    static final Setting<Boolean> MULTI_AZ = Setting.bool("multiAz", byKind(EnvironmentKind::holdsValuableData),
            "standby in a second zone");
    static final Setting<Integer> BACKUP_DAYS = Setting.integer("backupRetentionDays", 1, 35,
            byKind(k -> k.holdsValuableData() ? 14 : 1), "automated backups kept");
    static final Setting<String> BACKUP_WINDOW = Windows.daily("backupWindow", "02:00-03:00");
    static final Setting<String> MAINTENANCE_WINDOW = Windows.weekly("maintenanceWindow", "sun:03:30-sun:04:30");
    static final Setting<Boolean> INSIGHTS = Setting.bool("performanceInsights", byKind(k -> k != EnvironmentKind.DEV),
            "Performance Insights on");
    static final Setting<Integer> MONITORING_INTERVAL = Setting.integer("monitoringIntervalSeconds", 0, 60,
            byKind(k -> k.holdsValuableData() ? 30 : 0), "enhanced monitoring interval (0 turns it off)")
            .check("one of " + new TreeSet<>(RDS_MONITORING_INTERVALS), (s, n, v) -> {
                if (!RDS_MONITORING_INTERVALS.contains(v)) {
                    s.problem(n, String.valueOf(v), "must be one of " + new TreeSet<>(RDS_MONITORING_INTERVALS)
                            + " (0 turns enhanced monitoring off)");
                }
            });
    static final Setting<List<String>> LOG_EXPORTS = Setting.texts("logExports", of(List.of("postgresql", "upgrade")),
            "CloudWatch log exports").check("subset of " + new TreeSet<>(POSTGRES_LOG_EXPORTS), (s, n, v) -> {
                for (String e : v) {
                    if (!POSTGRES_LOG_EXPORTS.contains(e)) {
                        s.problem(n, "'" + e + "'", "PostgreSQL exports " + new TreeSet<>(POSTGRES_LOG_EXPORTS));
                    }
                }
            });
    static final Setting<Integer> LOG_RETENTION = Setting.retention("logRetentionDays",
            byKind(k -> k.holdsValuableData() ? 365 : 30),
            "retention of the log exports; the groups are pre-created, encrypted with the database key");
    static final Setting<Boolean> AUTO_MINOR = Setting.bool("autoMinorVersionUpgrade", of(true),
            "let RDS apply minor versions in the maintenance window");
    static final Setting<Boolean> DELETION_PROTECTION = Setting.bool("deletionProtection",
            byKind(EnvironmentKind::holdsValuableData), "RDS refuses deletion");
    static final Setting<Boolean> SKIP_FINAL_SNAPSHOT = Setting.bool("skipFinalSnapshot",
            byKind(k -> !k.holdsValuableData()), "no snapshot on deletion. With `false` the automated backups are kept "
                    + "too and the database KMS key is retained when the stack is destroyed (the snapshot is unreadable "
                    + "without it), protected or not");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` on the instance and its key");
    static final Setting<Boolean> ACKNOWLEDGE_DATA_LOSS = Setting.bool("acknowledgeDataLoss", of(false),
            "required to run production without deletionProtection, a final snapshot or protect");
    static final Setting<String> DATABASE_NAME = Setting.text("databaseName", of("agent"),
            "the application database created with the instance").matching("[a-zA-Z][a-zA-Z0-9_]{0,62}",
            "must start with a letter and hold up to 63 letters, digits or _");
    static final Setting<String> MASTER_USERNAME = Setting.text("masterUsername", of("agent_admin"),
            "the owner, used only by the migration Job; its password is generated and rotated by RDS in Secrets Manager")
            .check("1-16 letters, digits or _, starting with a letter; not admin, rdsadmin, postgres or agent_app "
                    + "(the agent's own IAM-authenticated role)", (s, n, v) -> {
                if (!v.matches("[a-zA-Z][a-zA-Z0-9_]{0,15}") || RESERVED_USERS.contains(v)) {
                    s.problem(n, "'" + v + "'", "must be 1-16 letters, digits or _, start with a letter, and not be a "
                            + "reserved name (admin, rdsadmin, postgres, or agent_app: the agent's own least-privileged role)");
                }
            });

    static final Section SECTION = new Section("database", "RDS PostgreSQL; data-protection defaults follow the "
            + "environment kind", Section.PLATFORM, List.of(ENGINE_VERSION, INSTANCE_CLASS, STORAGE, MAX_STORAGE,
            MULTI_AZ, BACKUP_DAYS, BACKUP_WINDOW, MAINTENANCE_WINDOW, INSIGHTS, MONITORING_INTERVAL, LOG_EXPORTS,
            LOG_RETENTION, AUTO_MINOR, DELETION_PROTECTION, SKIP_FINAL_SNAPSHOT, PROTECT, ACKNOWLEDGE_DATA_LOSS,
            DATABASE_NAME, MASTER_USERNAME));

    private DatabaseSection() {}

    static DatabaseSettings read(Settings s) {
        DatabaseSettings.Builder b = DatabaseSettings.builder()
                .engineVersion(s.read(ENGINE_VERSION))
                .instanceClass(s.read(INSTANCE_CLASS))
                .allocatedStorageGiB(s.read(STORAGE))
                .maxAllocatedStorageGiB(s.read(MAX_STORAGE));
        if (s.get(MAX_STORAGE) <= s.get(STORAGE)) {
            s.problem(MAX_STORAGE.name(), String.valueOf(s.get(MAX_STORAGE)), "storage autoscaling needs a ceiling above "
                    + "allocatedStorageGiB (" + s.get(STORAGE) + ")");
        }
        b.multiAz(s.read(MULTI_AZ))
                .backupRetentionDays(s.read(BACKUP_DAYS))
                .backupWindow(s.read(BACKUP_WINDOW))
                .maintenanceWindow(s.read(MAINTENANCE_WINDOW))
                .performanceInsights(s.read(INSIGHTS))
                .monitoringIntervalSeconds(s.read(MONITORING_INTERVAL))
                .logExports(s.read(LOG_EXPORTS))
                .logRetentionDays(s.read(LOG_RETENTION))
                .autoMinorVersionUpgrade(s.read(AUTO_MINOR))
                .deletionProtection(s.read(DELETION_PROTECTION))
                .skipFinalSnapshot(s.read(SKIP_FINAL_SNAPSHOT))
                .protect(s.read(PROTECT))
                .acknowledgeDataLoss(s.read(ACKNOWLEDGE_DATA_LOSS));
        refuseDataLossWithoutAcknowledgement(s);
        b.databaseName(s.read(DATABASE_NAME)).masterUsername(s.read(MASTER_USERNAME));
        s.rejectUnknownKeys();
        return b.build();
    }

    private static void refuseDataLossWithoutAcknowledgement(Settings s) {
        if (!s.kind().holdsValuableData() || s.get(ACKNOWLEDGE_DATA_LOSS)) {
            return;
        }
        String why = "would let one command lose " + s.kind().configName() + " data; keep the default or set "
                + s.pathOf(ACKNOWLEDGE_DATA_LOSS.name()) + ": true";
        if (!s.get(DELETION_PROTECTION)) {
            s.problem(DELETION_PROTECTION.name(), "false", why);
        }
        if (s.get(SKIP_FINAL_SNAPSHOT)) {
            s.problem(SKIP_FINAL_SNAPSHOT.name(), "true", why);
        }
        if (!s.get(PROTECT)) {
            s.problem(PROTECT.name(), "false", why);
        }
    }
}
