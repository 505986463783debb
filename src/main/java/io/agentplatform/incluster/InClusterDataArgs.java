package io.agentplatform.incluster;

import com.pulumi.resources.Resource;
import io.agentplatform.config.SecretValue;

import java.util.List;
import java.util.Map;

/**
 * Inputs of {@link InClusterData}.
 *
 * @param namespace        the agent's namespace (must exist first: see {@code after})
 * @param clientPodLabels  labels of the pods allowed to connect to both (the agent's selector labels)
 * @param migrationPodLabels labels of the migration Job's pods, allowed to connect to PostgreSQL only
 * @param extraLabels      labels for every object, e.g. the ephemeral stack's {@code expires-at}
 * @param postgresImage    pinned PostgreSQL image
 * @param redisImage       pinned Valkey image
 * @param databaseName     database created at first start
 * @param databaseUser     its owner
 * @param databasePassword password of that user (a config secret)
 * @param redisPassword    Valkey {@code requirepass} (a config secret)
 * @param after            resources to wait for (the namespace, cluster readiness)
 */
public record InClusterDataArgs(String namespace, Map<String, String> clientPodLabels,
                                Map<String, String> migrationPodLabels, Map<String, String> extraLabels,
                                String postgresImage, String redisImage, String databaseName, String databaseUser,
                                SecretValue databasePassword, SecretValue redisPassword, List<Resource> after) {

    public static final int POSTGRES_PORT = 5432;
    public static final int REDIS_PORT = 6379;
}
