package io.agentplatform.config;

import java.util.Objects;

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
        String masterUsername) {

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

    /** Starts a DatabaseSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engineVersion = engineVersion;
        b.instanceClass = instanceClass;
        b.allocatedStorageGiB = allocatedStorageGiB;
        b.maxAllocatedStorageGiB = maxAllocatedStorageGiB;
        b.multiAz = multiAz;
        b.backupRetentionDays = backupRetentionDays;
        b.backupWindow = backupWindow;
        b.maintenanceWindow = maintenanceWindow;
        b.performanceInsights = performanceInsights;
        b.monitoringIntervalSeconds = monitoringIntervalSeconds;
        b.logExports = logExports;
        b.logRetentionDays = logRetentionDays;
        b.autoMinorVersionUpgrade = autoMinorVersionUpgrade;
        b.deletionProtection = deletionProtection;
        b.skipFinalSnapshot = skipFinalSnapshot;
        b.protect = protect;
        b.acknowledgeDataLoss = acknowledgeDataLoss;
        b.databaseName = databaseName;
        b.masterUsername = masterUsername;
        return b;
    }

    /** Named fields instead of 19 positional arguments. */
    public static final class Builder {
        private String engineVersion;
        private String instanceClass;
        private int allocatedStorageGiB;
        private int maxAllocatedStorageGiB;
        private boolean multiAz;
        private int backupRetentionDays;
        private String backupWindow;
        private String maintenanceWindow;
        private boolean performanceInsights;
        private int monitoringIntervalSeconds;
        private List<String> logExports;
        private int logRetentionDays;
        private boolean autoMinorVersionUpgrade;
        private boolean deletionProtection;
        private boolean skipFinalSnapshot;
        private boolean protect;
        private boolean acknowledgeDataLoss;
        private String databaseName;
        private String masterUsername;

        private Builder() {}

        public Builder engineVersion(String engineVersion) {
            this.engineVersion = engineVersion;
            return this;
        }

        public Builder instanceClass(String instanceClass) {
            this.instanceClass = instanceClass;
            return this;
        }

        public Builder allocatedStorageGiB(int allocatedStorageGiB) {
            this.allocatedStorageGiB = allocatedStorageGiB;
            return this;
        }

        public Builder maxAllocatedStorageGiB(int maxAllocatedStorageGiB) {
            this.maxAllocatedStorageGiB = maxAllocatedStorageGiB;
            return this;
        }

        public Builder multiAz(boolean multiAz) {
            this.multiAz = multiAz;
            return this;
        }

        public Builder backupRetentionDays(int backupRetentionDays) {
            this.backupRetentionDays = backupRetentionDays;
            return this;
        }

        public Builder backupWindow(String backupWindow) {
            this.backupWindow = backupWindow;
            return this;
        }

        public Builder maintenanceWindow(String maintenanceWindow) {
            this.maintenanceWindow = maintenanceWindow;
            return this;
        }

        public Builder performanceInsights(boolean performanceInsights) {
            this.performanceInsights = performanceInsights;
            return this;
        }

        public Builder monitoringIntervalSeconds(int monitoringIntervalSeconds) {
            this.monitoringIntervalSeconds = monitoringIntervalSeconds;
            return this;
        }

        public Builder logExports(List<String> logExports) {
            this.logExports = logExports;
            return this;
        }

        public Builder logRetentionDays(int logRetentionDays) {
            this.logRetentionDays = logRetentionDays;
            return this;
        }

        public Builder autoMinorVersionUpgrade(boolean autoMinorVersionUpgrade) {
            this.autoMinorVersionUpgrade = autoMinorVersionUpgrade;
            return this;
        }

        public Builder deletionProtection(boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        public Builder skipFinalSnapshot(boolean skipFinalSnapshot) {
            this.skipFinalSnapshot = skipFinalSnapshot;
            return this;
        }

        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        public Builder acknowledgeDataLoss(boolean acknowledgeDataLoss) {
            this.acknowledgeDataLoss = acknowledgeDataLoss;
            return this;
        }

        public Builder databaseName(String databaseName) {
            this.databaseName = databaseName;
            return this;
        }

        public Builder masterUsername(String masterUsername) {
            this.masterUsername = masterUsername;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public DatabaseSettings build() {
            Objects.requireNonNull(engineVersion, "engineVersion");
            Objects.requireNonNull(instanceClass, "instanceClass");
            Objects.requireNonNull(backupWindow, "backupWindow");
            Objects.requireNonNull(maintenanceWindow, "maintenanceWindow");
            Objects.requireNonNull(logExports, "logExports");
            Objects.requireNonNull(databaseName, "databaseName");
            Objects.requireNonNull(masterUsername, "masterUsername");
            return new DatabaseSettings(engineVersion, instanceClass, allocatedStorageGiB, maxAllocatedStorageGiB,
                    multiAz, backupRetentionDays, backupWindow, maintenanceWindow, performanceInsights,
                    monitoringIntervalSeconds, logExports, logRetentionDays, autoMinorVersionUpgrade,
                    deletionProtection, skipFinalSnapshot, protect, acknowledgeDataLoss, databaseName,
                    masterUsername);
        }
    }
}
