package io.agentplatform.config;

import java.util.Map;

/** Everything a platform stack (dev, staging, production) builds in AWS. */
public record AwsSettings(
        String region,
        NetworkSettings network,
        ClusterSettings cluster,
        Map<String, NodeGroupSettings> nodeGroups,
        KarpenterSettings karpenter,
        DatabaseSettings database,
        CacheSettings cache,
        BackupSettings backup,
        VeleroSettings velero) {
}
