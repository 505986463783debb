package io.agentplatform.plan;

import java.util.List;
import java.util.Map;

/** ElastiCache: a replication group's primary and reader endpoints, port and member clusters. */
final class ElastiCacheMocks {
    private ElastiCacheMocks() {}

    static final Map<String, TypeMock> TYPES = Map.of(
            "aws:elasticache/replicationGroup:ReplicationGroup", TypeMock.outputs((resource, state) -> {
                String groupId = resource.text("replicationGroupId", resource.physicalName());
                String suffix = MockCloud.hex("cache:" + resource.name(), 6) + "." + resource.cloud().regionCode()
                        + ".cache.amazonaws.com";
                state.put("primaryEndpointAddress", "master." + groupId + "." + suffix);
                state.put("readerEndpointAddress", "replica." + groupId + "." + suffix);
                state.putIfAbsent("port", 6379.0);
                state.put("memberClusters", List.of(groupId + "-001"));
            }));
}
