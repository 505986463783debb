package io.agentplatform.config;

import java.util.List;

import static io.agentplatform.config.Default.byKind;
import static io.agentplatform.config.Default.derived;
import static io.agentplatform.config.Default.of;

/** The declarations of {@code cache} ({@link CacheSettings}) and how they are read. */
final class CacheSection {
    static final Setting<CacheSettings.Engine> ENGINE = Setting.choice("engine", CacheSettings.Engine.class,
            of(CacheSettings.Engine.VALKEY), "Valkey is the open-source Redis fork AWS prices below Redis OSS");
    static final Setting<String> VERSION = Setting.text("engineVersion", derived("`8.0` (valkey) / `7.1` (redis)",
            v -> v.get(ENGINE) == CacheSettings.Engine.VALKEY ? "8.0" : "7.1"), "one the AWS catalog lists for the engine")
            .type("`major.minor`").matching("\\d+\\.\\d+", "must be an exact engine version (major.minor) such as 8.0");
    static final Setting<String> NODE_TYPE = Setting.text("nodeType", of("cache.t4g.small"),
            "one of the AWS catalog's node types").matching("cache\\.[a-z0-9]+\\.[a-z0-9]+",
            "must be an ElastiCache node type such as cache.t4g.small");
    static final Setting<Integer> REPLICAS = Setting.integer("replicas", 0, 5, byKind(k -> k.holdsValuableData() ? 1 : 0),
            "read replicas besides the primary; at least 1 enables Multi-AZ and automatic failover")
            .rule("production needs at least 1");
    static final Setting<Integer> SNAPSHOT_DAYS = Setting.integer("snapshotRetentionDays", 0, 35,
            byKind(k -> k.holdsValuableData() ? 7 : 0), "daily snapshots kept (0 = none)");
    static final Setting<String> SNAPSHOT_WINDOW = Windows.daily("snapshotWindow", "04:00-05:00");
    static final Setting<String> MAINTENANCE_WINDOW = Windows.weekly("maintenanceWindow", "sun:05:30-sun:06:30");
    static final Setting<Integer> SLOW_LOG_DAYS = Setting.retention("slowLogRetentionDays", of(14),
            "CloudWatch retention of the slow log (the policy pack requires ≥ 30 in staging, ≥ 90 in production)");
    static final Setting<Boolean> PROTECT = Setting.bool("protect", byKind(EnvironmentKind::holdsValuableData),
            "Pulumi `protect` on the replication group and its KMS key, and retain-on-delete on the key");

    static final Section SECTION = new Section("cache", "ElastiCache (Valkey or Redis OSS)", Section.PLATFORM,
            List.of(ENGINE, VERSION, NODE_TYPE, REPLICAS, SNAPSHOT_DAYS, SNAPSHOT_WINDOW, MAINTENANCE_WINDOW,
                    SLOW_LOG_DAYS, PROTECT));

    private CacheSection() {}

    static CacheSettings read(Settings s) {
        CacheSettings.Builder b = CacheSettings.builder().engine(s.read(ENGINE)).engineVersion(s.read(VERSION))
                .nodeType(s.read(NODE_TYPE)).replicas(s.read(REPLICAS));
        if (s.kind().holdsValuableData() && s.get(REPLICAS) < 1) {
            s.problem(REPLICAS.name(), String.valueOf(s.get(REPLICAS)), "a " + s.kind().configName()
                    + " cache needs at least 1 replica for Multi-AZ failover");
        }
        b.snapshotRetentionDays(s.read(SNAPSHOT_DAYS)).snapshotWindow(s.read(SNAPSHOT_WINDOW))
                .maintenanceWindow(s.read(MAINTENANCE_WINDOW)).slowLogRetentionDays(s.read(SLOW_LOG_DAYS))
                .protect(s.read(PROTECT));
        s.rejectUnknownKeys();
        return b.build();
    }
}
