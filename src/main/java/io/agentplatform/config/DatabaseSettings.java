package io.agentplatform.config;

import java.util.List;

/**
 * RDS PostgreSQL. Data-protection defaults follow the environment kind: on for production, off elsewhere.
 *
 * @param engineVersion              pinned PostgreSQL version, e.g. {@code 16.6}
 * @param instanceClass              e.g. {@code db.t4g.medium}
 * @param allocatedStorageGiB        initial gp3 storage
 * @param maxAllocatedStorageGiB     storage autoscaling ceiling (must exceed the initial size)
 * @param multiAz                    standby in a second zone
 * @param backupRetentionDays        automated backups kept (1-35)
 * @param backupWindow               daily UTC window {@code hh:mm-hh:mm}
 * @param maintenanceWindow          weekly UTC window {@code ddd:hh:mm-ddd:hh:mm}
 * @param performanceInsights        Performance Insights on
 * @param monitoringIntervalSeconds  enhanced monitoring interval (0 = off; 1, 5, 10, 15, 30, 60)
 * @param logExports                 CloudWatch log exports ({@code postgresql}, {@code upgrade})
 * @param logRetentionDays           retention of those exports; the log groups are created up front, encrypted with
 *                                   the database key, instead of RDS creating them with no expiry
 * @param autoMinorVersionUpgrade    let RDS apply minor versions in the maintenance window
 * @param deletionProtection         RDS refuses deletion (default: production)
 * @param skipFinalSnapshot          no snapshot on deletion (default: not production)
 * @param protect                    Pulumi {@code protect} on the instance and its key (default: production)
 * @param acknowledgeDataLoss        required to run production without the three protections above
 * @param databaseName               the application database created with the instance
 * @param masterUsername             master user; its password is generated and rotated by RDS in Secrets Manager
 * @param restoreFromSnapshot        create the instance from this DB snapshot (id or ARN) instead of empty; see
 *                                   {@link RestoreSetting}
 */
public record DatabaseSettings(
        String engineVersion,
        String instanceClass,
        int allocatedStorageGiB,
        int maxAllocatedStorageGiB,
        boolean multiAz,
        int backupRetentionDays,
        String backupWindow,
        String maintenanceWindow,
        boolean performanceInsights,
        int monitoringIntervalSeconds,
        List<String> logExports,
        int logRetentionDays,
        boolean autoMinorVersionUpgrade,
        boolean deletionProtection,
        boolean skipFinalSnapshot,
        boolean protect,
        boolean acknowledgeDataLoss,
        String databaseName,
        String masterUsername,
        java.util.Optional<String> restoreFromSnapshot) {

    /** The engine's major version, which selects the parameter-group family ({@code postgres16}). */
    public String majorVersion() {
        return engineVersion.split("\\.")[0];
    }

    /**
     * A final snapshot or automated backups outlive the instance: the instance keeps its automated backups exactly
     * when it takes a final snapshot ({@code deleteAutomatedBackups = skipFinalSnapshot}). Whatever outlives the
     * instance is unreadable without the database key, so the key is retained on delete whenever this is true.
     */
    public boolean backupsOutliveInstance() {
        return !skipFinalSnapshot;
    }

    /** Whether RDS deletes the automated backups with the instance (kept together with a final snapshot). */
    public boolean deleteAutomatedBackups() {
        return !backupsOutliveInstance();
    }
}
