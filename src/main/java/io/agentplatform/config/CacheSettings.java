package io.agentplatform.config;

import java.util.Objects;

/**
 * ElastiCache (Valkey by default: the open-source Redis fork AWS prices below Redis OSS, wire-compatible).
 *
 * @param engine                {@code valkey} or {@code redis}
 * @param engineVersion         pinned engine version
 * @param nodeType              e.g. {@code cache.t4g.small}
 * @param replicas              read replicas besides the primary; at least 1 enables Multi-AZ and automatic failover
 * @param snapshotRetentionDays daily snapshots kept (0 = none)
 * @param snapshotWindow        daily UTC window {@code hh:mm-hh:mm}
 * @param maintenanceWindow     weekly UTC window
 * @param slowLogRetentionDays  CloudWatch retention of the slow log
 * @param protect               Pulumi {@code protect} on the replication group and its key, and retain-on-delete on the
 *                              key (default: production)
 */
public record CacheSettings(
        Engine engine,
        String engineVersion,
        String nodeType,
        int replicas,
        int snapshotRetentionDays,
        String snapshotWindow,
        String maintenanceWindow,
        int slowLogRetentionDays,
        boolean protect) {

    public enum Engine { VALKEY, REDIS }

    /** Failover and Multi-AZ need a replica to fail over to. */
    public boolean highlyAvailable() {
        return replicas > 0;
    }

    /** Starts a CacheSettings named field by field (the section reader and inline test settings use it). */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy with some fields changed: {@code settings.toBuilder().replicas(1).build()}. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.engine = engine;
        b.engineVersion = engineVersion;
        b.nodeType = nodeType;
        b.replicas = replicas;
        b.snapshotRetentionDays = snapshotRetentionDays;
        b.snapshotWindow = snapshotWindow;
        b.maintenanceWindow = maintenanceWindow;
        b.slowLogRetentionDays = slowLogRetentionDays;
        b.protect = protect;
        return b;
    }

    /** Named fields instead of 9 positional arguments. */
    public static final class Builder {
        private Engine engine;
        private String engineVersion;
        private String nodeType;
        private int replicas;
        private int snapshotRetentionDays;
        private String snapshotWindow;
        private String maintenanceWindow;
        private int slowLogRetentionDays;
        private boolean protect;

        private Builder() {}

        public Builder engine(Engine engine) {
            this.engine = engine;
            return this;
        }

        public Builder engineVersion(String engineVersion) {
            this.engineVersion = engineVersion;
            return this;
        }

        public Builder nodeType(String nodeType) {
            this.nodeType = nodeType;
            return this;
        }

        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public Builder snapshotRetentionDays(int snapshotRetentionDays) {
            this.snapshotRetentionDays = snapshotRetentionDays;
            return this;
        }

        public Builder snapshotWindow(String snapshotWindow) {
            this.snapshotWindow = snapshotWindow;
            return this;
        }

        public Builder maintenanceWindow(String maintenanceWindow) {
            this.maintenanceWindow = maintenanceWindow;
            return this;
        }

        public Builder slowLogRetentionDays(int slowLogRetentionDays) {
            this.slowLogRetentionDays = slowLogRetentionDays;
            return this;
        }

        public Builder protect(boolean protect) {
            this.protect = protect;
            return this;
        }

        /** @throws NullPointerException naming the first field that was not set */
        public CacheSettings build() {
            Objects.requireNonNull(engine, "engine");
            Objects.requireNonNull(engineVersion, "engineVersion");
            Objects.requireNonNull(nodeType, "nodeType");
            Objects.requireNonNull(snapshotWindow, "snapshotWindow");
            Objects.requireNonNull(maintenanceWindow, "maintenanceWindow");
            return new CacheSettings(engine, engineVersion, nodeType, replicas, snapshotRetentionDays,
                    snapshotWindow, maintenanceWindow, slowLogRetentionDays, protect);
        }
    }
}
