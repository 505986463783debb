package io.agentplatform.config;

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
}
